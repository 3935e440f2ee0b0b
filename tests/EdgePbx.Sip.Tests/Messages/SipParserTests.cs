using System.Text;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Tests.Messages;

public sealed class SipParserTests
{
    private const string Options =
        "OPTIONS sip:bob@example.com SIP/2.0\r\n" +
        "v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport\r\n" +
        "f: <sip:alice@example.com>;tag=a1\r\n" +
        "t: <sip:bob@example.com>\r\n" +
        "i: c1@host\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Max-Forwards: 70\r\n" +
        "l: 0\r\n\r\n";

    private static SipParseResult Parse(string text, SipParserLimits? limits = null) => SipParser.Parse(Encoding.UTF8.GetBytes(text), limits);

    [Theory]
    [InlineData("SIP/2.0/UDP PBX.Example.COM:5070;branch=z9hG4bK1", "pbx.example.com:5070")]
    [InlineData("SIP/2.0/UDP Phone.Example.com;branch=z9hG4bK1", "phone.example.com")]
    [InlineData("SIP/2.0/UDP [2001:DB8::1]:5060;branch=z9hG4bK1", "[2001:db8::1]:5060")]
    [InlineData("SIP/2.0/TCP 192.0.2.7 : 5061 ;branch=z9hG4bK1, SIP/2.0/UDP 192.0.2.8;branch=z9hG4bK0", "192.0.2.7:5061")]
    public void Top_sent_by_is_the_first_Via_s_host_and_port_in_lower_case(string via, string expected)
    {
        var m = Parse(Options.Replace("v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport", "Via: " + via, StringComparison.Ordinal)).Message!;

        Assert.Equal(expected, m.TopSentBy);
        Assert.Equal(m.TopVia.SentBy.ToLowerInvariant(), m.TopSentBy);
    }

    [Fact]
    public void Compact_header_forms_are_the_same_headers_as_the_long_names()
    {
        var m = Parse(Options).Message!;
        Assert.Equal("c1@host", m.CallId);
        Assert.Equal("a1", m.FromTag);
        Assert.Equal("z9hG4bK1", m.GetHeader("Via")!.Split(';')[1].Split('=')[1]);
        Assert.Equal(string.Empty, m.TopVia.RPort);
        Assert.Equal(0, m.ContentLength);
    }

    [Fact]
    public void Leading_crlf_before_the_start_line_is_ignored()
    {
        Assert.True(Parse("\r\n\r\n" + Options).IsSuccess);
    }

    [Fact]
    public void Message_larger_than_the_limit_is_refused_with_513()
    {
        var r = Parse(Options, new SipParserLimits { MaxMessageBytes = 100 });
        Assert.Equal(513, r.Error!.StatusCode);
    }

    [Fact]
    public void Headers_beyond_the_inline_index_are_found_like_the_first_ones()
    {
        // The first headers are indexed inside the message object; the rest spill into a list. A real INVITE
        // from a carrier can carry 30 or more, with core headers among the late ones.
        var extra = string.Concat(Enumerable.Range(0, 40).Select(i => $"X-H{i}: v{i}\r\n"));
        var text = "OPTIONS sip:bob@example.com SIP/2.0\r\n" + extra +
            "v: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n" +
            "f: <sip:alice@example.com>;tag=a1\r\nt: <sip:bob@example.com>\r\ni: late@host\r\n" +
            "CSeq: 7 OPTIONS\r\nMax-Forwards: 70\r\nVia: SIP/2.0/UDP 192.0.2.2:5060;branch=z9hG4bK2\r\nl: 0\r\n\r\n";

        var m = Parse(text).Message!;

        Assert.Equal(48, m.HeaderCount);
        Assert.Equal("v0", m.GetHeader("X-H0"));
        Assert.Equal("v39", m.GetHeader("X-H39"));
        Assert.Equal("late@host", m.CallId);
        Assert.Equal(7, m.CSeqNumber);
        Assert.Equal(["z9hG4bK1", "z9hG4bK2"], m.Vias.Select(v => v.Branch));
    }

    [Fact]
    public void Too_many_headers_are_refused()
    {
        var many = Options.Replace("l: 0\r\n", string.Concat(Enumerable.Repeat("X-A: b\r\n", 20)) + "l: 0\r\n", StringComparison.Ordinal);
        var r = Parse(many, new SipParserLimits { MaxHeaderCount = 10 });
        Assert.Contains("more than 10 headers", r.Error!.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_header_line_is_refused()
    {
        var big = Options.Replace("l: 0\r\n", "X-Big: " + new string('a', 300) + "\r\nl: 0\r\n", StringComparison.Ordinal);
        var r = Parse(big, new SipParserLimits { MaxHeaderBytes = 200 });
        Assert.Contains("header longer than 200 bytes", r.Error!.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_over_the_limit_is_refused_with_413()
    {
        var withBody = Options.Replace("l: 0\r\n\r\n", "l: 50\r\n\r\n" + new string('x', 50), StringComparison.Ordinal);
        Assert.Equal(413, Parse(withBody, new SipParserLimits { MaxBodyBytes = 10 }).Error!.StatusCode);
    }

    [Fact]
    public void Stream_message_without_empty_line_is_incomplete_and_refused()
    {
        var r = SipParser.Parse(Encoding.ASCII.GetBytes(Options[..^2]), isDatagram: false);
        Assert.Contains("missing empty line", r.Error!.What, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_says_where_the_problem_is()
    {
        var bad = Options.Replace("branch=z9hG4bK1;rport", "branch=z9hG4bK1;;rport", StringComparison.Ordinal);
        var e = Parse(bad).Error!;
        var offset = Encoding.ASCII.GetBytes(bad).AsSpan().IndexOf(";;"u8);
        Assert.Equal("Via: empty parameter", e.What);
        Assert.InRange(e.Offset, offset, offset + 2);
    }

    [Fact]
    public void Comma_separated_route_values_parse_into_a_list()
    {
        var m = Parse(Options.Replace("l: 0", "Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\nl: 0", StringComparison.Ordinal)).Message!;
        var routes = m.ParseAddressList(HeaderKind.Route, out var error);
        Assert.Null(error);
        Assert.Equal(["p1.example.com", "p2.example.com"], routes!.Select(r => r.Uri.Host));
        Assert.Equal(string.Empty, routes![0].Uri.GetParameter("lr"));
    }

    [Fact]
    public void Tel_uri_in_from_keeps_its_number()
    {
        var m = Parse(Options.Replace("f: <sip:alice@example.com>", "f: <tel:+86-400-123-4567;phone-context=example.com>", StringComparison.Ordinal)).Message!;
        Assert.Equal("tel", m.From.Uri.Scheme);
        Assert.Equal("+86-400-123-4567;phone-context=example.com", m.From.Uri.Opaque);
    }

    [Fact]
    public void Response_built_for_a_request_copies_via_from_call_id_cseq_and_adds_to_tag()
    {
        var request = Parse(Options).Message!;
        var response = SipMessageBuilder.ResponseTo(request, 200, "OK", "t9").Build();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("z9hG4bK1", response.TopBranch);
        Assert.Equal("c1@host", response.CallId);
        Assert.Equal("a1", response.FromTag);
        Assert.Equal("t9", response.ToTag);
        Assert.Equal(new CSeqHeader(1, "OPTIONS"), response.CSeq);
    }

    [Fact]
    public void Builder_refuses_to_let_values_inject_header_lines()
    {
        var request = Parse(Options).Message!;
        var response = SipMessageBuilder.ResponseTo(request, 400, "bad\r\nX-Evil: 1").Build();
        Assert.Null(response.GetHeader("X-Evil"));
        Assert.Equal("bad  X-Evil: 1", response.ReasonPhrase);
    }
}
