using EdgePbx.Media.Rtp;

namespace EdgePbx.Switchboard.Voicemail;

/// <summary>Gives each caller packet to the recording, then to the receiver that was there (digit detection goes on).</summary>
internal sealed class RecordingReceiver(IRtpReceiver inner, VoicemailRecording recording) : IRtpReceiver
{
    public IRtpReceiver Inner => inner;

    public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        recording.OnPacket(header, payload);
        inner.OnRtp(session, header, payload);
    }

    public void OnMediaTimeout(RtpSession session) => inner.OnMediaTimeout(session);
}
