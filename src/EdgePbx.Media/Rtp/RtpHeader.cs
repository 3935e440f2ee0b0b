namespace EdgePbx.Media.Rtp;

/// <summary>The fixed RTP header fields (RFC 3550 5.1) we read and write; CSRCs and extensions are skipped over.</summary>
public readonly record struct RtpHeader(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc);
