using EdgePbx.Media.Rtp;

namespace EdgePbx.Switchboard.Legs;

/// <summary>Takes a session's packets while nobody needs them (an outbound leg before it is bridged).</summary>
internal sealed class NullRtpReceiver : IRtpReceiver
{
    public static readonly NullRtpReceiver Instance = new();

    public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
    }

    public void OnMediaTimeout(RtpSession session)
    {
    }
}
