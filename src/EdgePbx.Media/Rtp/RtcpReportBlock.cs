namespace EdgePbx.Media.Rtp;

/// <summary>RFC 3550 6.4.1 reception report block (24 octets).</summary>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport);
