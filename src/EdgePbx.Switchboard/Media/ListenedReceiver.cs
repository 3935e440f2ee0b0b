using EdgePbx.Media.Rtp;

namespace EdgePbx.Switchboard.Media;

/// <summary>
/// Hands each packet to a listener (fax tones on an outbound leg), then to the receiver that relays it, unchanged.
/// Once the listener is done (CED comes at once or not at all) the leg goes back to the receiver alone, which lets
/// a relay hand the direction to the kernel.
/// </summary>
internal sealed class ListenedReceiver(IRtpReceiver inner, CallerInput listener) : IRtpReceiver
{
    public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        listener.Process(header, payload);
        inner.OnRtp(session, header, payload);
        if (listener.Done && ReferenceEquals(session.Receiver, this))
        {
            session.Receiver = inner;
        }
    }

    public void OnMediaTimeout(RtpSession session) => inner.OnMediaTimeout(session);
}
