namespace EdgePbx.Media.Rtp;

/// <summary>One SR or RR read from a compound RTCP packet: who sent it, sender info (SR only) and the first report block.</summary>
public readonly record struct RtcpReport(uint Ssrc, bool IsSenderReport, RtcpSenderInfo SenderInfo, int ReportCount, RtcpReportBlock FirstBlock);
