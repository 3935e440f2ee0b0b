using EdgePbx.Media.Rtp;

namespace EdgePbx.Media.Tests.Rtp;

public sealed class RtpPacketTests
{
    [Fact]
    public void Written_packet_has_the_rfc3550_5_1_layout_and_parses_back()
    {
        var buffer = new byte[200];
        var payload = Enumerable.Range(0, 160).Select(i => (byte)i).ToArray();
        var length = RtpPacket.Write(buffer, new RtpHeader(true, 8, 0x1234, 0xDEADBEEF, 0x01020304), payload);

        Assert.Equal(172, length);
        Assert.Equal(new byte[] { 0x80, 0x88, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3, 4 }, buffer[..12]);
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, length), out var header, out var offset, out var payloadLength));
        Assert.Equal(new RtpHeader(true, 8, 0x1234, 0xDEADBEEF, 0x01020304), header);
        Assert.Equal(12, offset);
        Assert.Equal(payload, buffer.AsSpan(offset, payloadLength).ToArray());
    }

    [Fact]
    public void Csrcs_extension_and_padding_are_skipped_to_find_the_payload()
    {
        // V=2 P=1 X=1 CC=1, PT 0; one CSRC; extension of one word; 2 payload octets; 3 padding octets.
        byte[] packet =
        [
            0xB1, 0x00, 0, 1, 0, 0, 0, 160, 0, 0, 0, 9,
            0, 0, 0, 7,
            0xBE, 0xDE, 0, 1, 1, 2, 3, 4,
            0xAA, 0xBB,
            0, 0, 3,
        ];

        Assert.True(RtpPacket.TryParse(packet, out _, out var offset, out var length));
        Assert.Equal(24, offset);
        Assert.Equal(2, length);
        Assert.Equal(0xAA, packet[offset]);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0, 0, 1 })]
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 })]
    [InlineData(new byte[] { 0x82, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 })]
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x20 })]
    public void Short_wrong_version_truncated_csrc_or_bad_padding_is_rejected(byte[] packet)
    {
        Assert.False(RtpPacket.TryParse(packet, out _, out _, out _));
    }

    [Fact]
    public void Sender_report_with_block_round_trips_including_negative_cumulative_loss()
    {
        var buffer = new byte[64];
        var info = new RtcpSenderInfo(0x0123456789ABCDEF, 160_000, 1000, 160_000);
        var block = new RtcpReportBlock(42, 25, -3, 0x0001_0005, 17, 0x456789AB, 65536);

        var length = RtcpPacket.WriteSenderReport(buffer, 7, info, block);

        Assert.Equal(52, length);
        Assert.Equal(new byte[] { 0x81, 200, 0, 12 }, buffer[..4]);
        Assert.True(RtcpPacket.TryReadReport(buffer.AsSpan(0, length), out var report));
        Assert.True(report.IsSenderReport);
        Assert.Equal(7u, report.Ssrc);
        Assert.Equal(info, report.SenderInfo);
        Assert.Equal(block, report.FirstBlock);
        Assert.Equal(0x456789ABu, info.MiddleNtpBits);
    }

    [Fact]
    public void Receiver_report_round_trips()
    {
        var buffer = new byte[64];
        var block = new RtcpReportBlock(42, 0, 10, 99, 3, 0, 0);

        var length = RtcpPacket.WriteReceiverReport(buffer, 9, block);

        Assert.Equal(32, length);
        Assert.True(RtpPacket.LooksLikeRtcp(buffer));
        Assert.True(RtcpPacket.TryReadReport(buffer.AsSpan(0, length), out var report));
        Assert.False(report.IsSenderReport);
        Assert.Equal(block, report.FirstBlock);
    }

    [Fact]
    public void Report_whose_length_field_exceeds_the_datagram_is_rejected()
    {
        var buffer = new byte[64];
        var length = RtcpPacket.WriteReceiverReport(buffer, 9, new RtcpReportBlock(1, 0, 0, 0, 0, 0, 0));

        Assert.False(RtcpPacket.TryReadReport(buffer.AsSpan(0, length - 4), out _));
    }
}
