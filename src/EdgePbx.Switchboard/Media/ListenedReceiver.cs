using EdgePbx.Media.Rtp;

namespace EdgePbx.Switchboard.Media;

/// <summary>Hands each packet to a listener (fax tones on an outbound leg), then to the receiver that relays it, unchanged.</summary>
internal sealed class ListenedReceiver(IRtpReceiver inner, CallerInput listener) : IRtpReceiver
{
    public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        listener.Process(header, payload);
        inner.OnRtp(session, header, payload);
    }

    public void OnMediaTimeout(RtpSession session) => inner.OnMediaTimeout(session);
}
