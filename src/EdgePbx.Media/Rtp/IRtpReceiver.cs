namespace EdgePbx.Media.Rtp;

/// <summary>Where a session hands each valid RTP packet (payload only valid during the call) and its timeout.</summary>
public interface IRtpReceiver
{
    void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload);

    void OnMediaTimeout(RtpSession session);
}
