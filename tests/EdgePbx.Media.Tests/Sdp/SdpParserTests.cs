using System.Text;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Media.Tests.Sdp;

/// <summary>
/// Pins what the parser reads from tricky but real input. The expected values are what the original
/// string.Split-based parser produced; the span-based one must read every description the same way.
/// </summary>
public sealed class SdpParserTests
{
    // The shape every call brings (sipp's default offer).
    private const string TypicalOffer =
        "v=0\r\n" +
        "o=user1 53655765 2353687637 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "c=IN IP4 127.0.0.1\r\n" +
        "t=0 0\r\n" +
        "m=audio 6000 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    private static SessionDescription Parse(string text)
    {
        var result = SdpParser.Parse(text);
        Assert.True(result.Success, result.Error);
        return result.Description!;
    }

    [Fact]
    public void Typical_offer_is_read_field_by_field()
    {
        var d = Parse(TypicalOffer);

        Assert.Equal(new SdpOrigin("user1", 53655765, 2353687637, "IP4", "127.0.0.1"), d.Origin);
        Assert.Equal("-", d.SessionName);
        Assert.Equal(new SdpConnection("IP4", "127.0.0.1"), d.Connection);
        Assert.Null(d.Direction);
        var m = Assert.Single(d.Media);
        Assert.Equal("audio", m.Media);
        Assert.Equal(6000, m.Port);
        Assert.Equal("RTP/AVP", m.Protocol);
        Assert.Equal(["0", "8", "101"], m.Formats);
        Assert.Equal(
            [new RtpMap(0, "PCMU", 8000), new RtpMap(8, "PCMA", 8000), new RtpMap(101, "telephone-event", 8000, 1, "0-15")],
            m.RtpMaps);
        Assert.Null(m.Connection);
        Assert.Equal(MediaDirection.SendReceive, m.Direction);
        Assert.Equal(20, m.PacketTimeMs);
        Assert.Empty(m.OtherAttributes);
    }

    [Fact]
    public void Lf_crlf_and_repeated_cr_line_ends_read_the_same()
    {
        var crlf = SdpWriter.Write(Parse(TypicalOffer));

        Assert.Equal(crlf, SdpWriter.Write(Parse(TypicalOffer.Replace("\r\n", "\n"))));
        Assert.Equal(crlf, SdpWriter.Write(Parse(TypicalOffer.Replace("\r\n", "\r\r\n"))));
        Assert.Equal(crlf, SdpWriter.Write(Parse(TypicalOffer.TrimEnd('\r', '\n'))));
    }

    [Fact]
    public void The_bytes_written_for_a_body_are_the_utf8_of_the_text_written_and_each_write_starts_afresh()
    {
        var typical = Parse(TypicalOffer);
        var named = Parse(TypicalOffer.Replace("s=-", "s=总机 welcome", StringComparison.Ordinal));

        // The thread's builder is reused: a long description after a short one and back must not carry anything over.
        Assert.Equal(TypicalOffer, Encoding.UTF8.GetString(SdpWriter.WriteUtf8(typical)));
        Assert.Equal(Encoding.UTF8.GetBytes(SdpWriter.Write(named)), SdpWriter.WriteUtf8(named));
        Assert.Contains("s=总机 welcome\r\n", Encoding.UTF8.GetString(SdpWriter.WriteUtf8(named)), StringComparison.Ordinal);
        Assert.Equal(TypicalOffer, SdpWriter.Write(typical));
    }

    [Fact]
    public void Blank_lines_are_skipped_but_counted_in_error_line_numbers()
    {
        Assert.Single(Parse("\r\n\r\n" + TypicalOffer + "\r\n\r\n").Media);
        Assert.Equal("SDP line 3: first line must be v=0", SdpParser.Parse("\r\n\r\nv=0 \r\n").Error);
        Assert.Equal("SDP line 1: empty description", SdpParser.Parse("\r\n\r\n").Error);
    }

    [Fact]
    public void Trailing_spaces_end_fields_of_o_c_m_but_stay_part_of_attribute_values()
    {
        var d = Parse("v=0\r\no=a  1  2  IN  IP4  x \r\ns=x y \r\nc=IN IP4 10.0.0.1 \r\nm=audio 1 RTP/AVP 0 8 \r\na=sendrecv \r\na=ptime:20\r\n");

        Assert.Equal(new SdpOrigin("a", 1, 2, "IP4", "x"), d.Origin);
        Assert.Equal("x y ", d.SessionName);
        Assert.Equal("10.0.0.1", d.Connection!.Address);
        Assert.Equal(["0", "8"], d.Media[0].Formats);
        // "sendrecv " is not a direction attribute: it is kept as an unknown one.
        Assert.Null(d.Media[0].Direction);
        Assert.Equal(["sendrecv "], d.Media[0].OtherAttributes);
    }

    [Fact]
    public void Unknown_attributes_are_kept_verbatim_in_order_at_media_level_and_ignored_at_session_level()
    {
        var d = Parse("v=0\r\no=- 1 1 IN IP4 a\r\na=group:BUNDLE 0\r\nm=audio 1 RTP/AVP 0\r\na=rtcp-mux\r\na=\r\na=RTPMAP:0 PCMU/8000\r\na=fmtp:x y\r\na=fmtp:5\r\na=ssrc:1 cname:x\r\n");

        var m = d.Media[0];
        Assert.Equal(["rtcp-mux", "", "RTPMAP:0 PCMU/8000", "ssrc:1 cname:x"], m.OtherAttributes);
        Assert.Empty(m.RtpMaps);
    }

    [Fact]
    public void Format_parameters_apply_whatever_their_order_and_the_last_one_wins()
    {
        var d = Parse("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP 96 97\r\na=fmtp:96 first\r\na=rtpmap:96 telephone-event/8000\r\na=rtpmap:97 opus/48000/2\r\na=fmtp:96 0-15\r\na=fmtp:98 unused\r\n");

        Assert.Equal([new RtpMap(96, "telephone-event", 8000, 1, "0-15"), new RtpMap(97, "opus", 48000, 2)], d.Media[0].RtpMaps);
    }

    [Fact]
    public void Rtpmap_ignores_fields_after_channels_but_refuses_empty_channels()
    {
        Assert.Equal(new RtpMap(0, "PCMU", 8000, 1), Parse("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000/1/9\r\n").Media[0].RtpMaps[0]);
        Assert.Equal(
            "SDP line 4: bad rtpmap channels \"0 PCMU/8000/\"",
            SdpParser.Parse("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000/\r\n").Error);
    }

    [Fact]
    public void Formats_are_kept_as_written()
    {
        var d = Parse("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 5004/2 RTP/AVP 00 08 127 128 1234567890123\r\n");

        Assert.Equal(5004, d.Media[0].Port);
        Assert.Equal(["00", "08", "127", "128", "1234567890123"], d.Media[0].Formats);
    }

    [Fact]
    public void Each_m_section_has_only_its_own_attributes_and_connection()
    {
        var d = Parse(
            "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\na=recvonly\r\n" +
            "m=audio 5004 RTP/AVP 0 101\r\nc=IN IP4 10.0.0.2/127\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:30\r\na=rtcp-mux\r\na=sendonly\r\n" +
            "m=video 5006 RTP/AVP 31\r\n" +
            "m=audio 5008 RTP/AVP 101\r\n");

        Assert.Equal(3, d.Media.Count);
        Assert.Equal(MediaDirection.ReceiveOnly, d.Direction);
        Assert.Equal("10.0.0.1", d.Connection!.Address);
        var audio = d.Media[0];
        Assert.Equal(new SdpConnection("IP4", "10.0.0.2"), audio.Connection);
        Assert.Equal(MediaDirection.SendOnly, audio.Direction);
        Assert.Equal(30, audio.PacketTimeMs);
        Assert.Equal(["rtcp-mux"], audio.OtherAttributes);
        Assert.Equal([new RtpMap(101, "telephone-event", 8000, 1, "0-15")], audio.RtpMaps);
        foreach (var later in d.Media.Skip(1))
        {
            Assert.Null(later.Connection);
            Assert.Null(later.Direction);
            Assert.Null(later.PacketTimeMs);
            Assert.Empty(later.RtpMaps);
            Assert.Empty(later.OtherAttributes);
            Assert.Equal(new SdpConnection("IP4", "10.0.0.1"), d.ConnectionFor(later));
            Assert.Equal(MediaDirection.ReceiveOnly, d.DirectionFor(later));
        }
    }

    [Fact]
    public void Missing_session_name_reads_as_dash_and_an_empty_one_stays_empty()
    {
        Assert.Equal("-", Parse("v=0\r\no=- 1 1 IN IP4 a\r\n").SessionName);
        Assert.Equal("", Parse("v=0\r\no=- 1 1 IN IP4 a\r\ns=\r\n").SessionName);
    }

    [Fact]
    public void Origin_takes_the_full_64_bit_session_id()
    {
        Assert.Equal(ulong.MaxValue, Parse("v=0\r\no=- 18446744073709551615 0 IN IP4 a\r\n").Origin.SessionId);
    }

    [Theory]
    [InlineData("v=0\r\ns=-\r\n", "SDP line 3: missing o= line")]
    [InlineData("v=0\r\ns=-", "SDP line 2: missing o= line")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:128 X/8000\r\n", "SDP line 4: bad rtpmap \"128 X/8000\"")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", "SDP line 4: bad rtpmap \"0 PCMU\"")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP 0\r\na=ptime:x\r\n", "SDP line 4: bad ptime \"ptime:x\"")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP 0\r\na=ptime:0\r\n", "SDP line 4: bad ptime \"ptime:0\"")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP\r\n", "SDP line 3: m= needs <media> <port> <proto> <fmt> ...")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\nm=audio x/2 RTP/AVP 0\r\n", "SDP line 3: m= needs <media> <port> <proto> <fmt> ...")]
    [InlineData("v=0\r\no=- 1 1 IP4 a\r\n", "SDP line 2: o= needs <username> <sess-id> <sess-version> IN <addrtype> <address>")]
    [InlineData("v=0\r\no=- 1 -1 IN IP4 a\r\n", "SDP line 2: o= needs <username> <sess-id> <sess-version> IN <addrtype> <address>")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\nc=IN IP4 a b\r\n", "SDP line 3: c= needs IN <addrtype> <address>")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 a\r\n x=1\r\n", "SDP line 3: expected <type>=<value>, got \" x=1\"")]
    public void Malformed_description_error_names_the_line_and_the_problem_exactly(string text, string expected)
    {
        Assert.Equal(expected, SdpParser.Parse(text).Error);
    }
}
