using System.Buffers.Binary;

namespace EdgePbx.Media.Rtp;

/// <summary>RFC 3550 6.4 sender and receiver reports, written and read over spans.</summary>
public static class RtcpPacket
{
    public const byte SenderReportType = 200;
    public const byte ReceiverReportType = 201;
    public const byte ByeType = 203;
    private const int ReportBlockLength = 24;

    /// <summary>RFC 3550 6.4.1: SR with at most one report block (we receive from one source per leg).</summary>
    public static int WriteSenderReport(Span<byte> destination, uint ssrc, in RtcpSenderInfo info, RtcpReportBlock? block)
    {
        var count = block is null ? 0 : 1;
        var length = 28 + (count * ReportBlockLength);
        WriteCommonHeader(destination, count, SenderReportType, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], info.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], info.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], info.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], info.OctetCount);
        if (block is { } b)
        {
            WriteBlock(destination[28..], b);
        }

        return length;
    }

    /// <summary>RFC 3550 6.4.2: RR, sent when we have not sent RTP since the last report.</summary>
    public static int WriteReceiverReport(Span<byte> destination, uint ssrc, RtcpReportBlock? block)
    {
        var count = block is null ? 0 : 1;
        var length = 8 + (count * ReportBlockLength);
        WriteCommonHeader(destination, count, ReceiverReportType, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        if (block is { } b)
        {
            WriteBlock(destination[8..], b);
        }

        return length;
    }

    /// <summary>
    /// Finds the first SR or RR of a compound packet (RFC 3550 6.1: it must come first). Returns false for
    /// anything malformed, as A.2's validity checks do.
    /// </summary>
    public static bool TryReadReport(ReadOnlySpan<byte> packet, out RtcpReport report)
    {
        report = default;
        if (packet.Length < 8 || (packet[0] >> 6) != 2 || packet[1] is not (SenderReportType or ReceiverReportType))
        {
            return false;
        }

        var count = packet[0] & 0x1F;
        var length = (BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) + 1) * 4;
        var isSr = packet[1] == SenderReportType;
        var blocksAt = isSr ? 28 : 8;
        if (length > packet.Length || length < blocksAt + (count * ReportBlockLength))
        {
            return false;
        }

        var info = isSr
            ? new RtcpSenderInfo(
                BinaryPrimitives.ReadUInt64BigEndian(packet[8..]),
                BinaryPrimitives.ReadUInt32BigEndian(packet[16..]),
                BinaryPrimitives.ReadUInt32BigEndian(packet[20..]),
                BinaryPrimitives.ReadUInt32BigEndian(packet[24..]))
            : default;
        var block = count > 0 ? ReadBlock(packet[blocksAt..]) : default;
        report = new RtcpReport(BinaryPrimitives.ReadUInt32BigEndian(packet[4..]), isSr, info, count, block);
        return true;
    }

    private static void WriteCommonHeader(Span<byte> destination, int count, byte type, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException("destination too small for the report", nameof(destination));
        }

        destination[0] = (byte)(0x80 | count);
        destination[1] = type;

        // RFC 3550 6.4.1: length in 32-bit words minus one.
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
    }

    private static void WriteBlock(Span<byte> d, in RtcpReportBlock b)
    {
        BinaryPrimitives.WriteUInt32BigEndian(d, b.Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(d[4..], ((uint)b.FractionLost << 24) | ((uint)b.CumulativeLost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(d[8..], b.ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(d[12..], b.Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(d[16..], b.LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(d[20..], b.DelaySinceLastSenderReport);
    }

    private static RtcpReportBlock ReadBlock(ReadOnlySpan<byte> d)
    {
        var word = BinaryPrimitives.ReadUInt32BigEndian(d[4..]);

        // Cumulative lost is a signed 24-bit value: shift it to the top and back to sign-extend.
        var lost = (int)(word << 8) >> 8;
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(d),
            (byte)(word >> 24),
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(d[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(d[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(d[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(d[20..]));
    }
}
