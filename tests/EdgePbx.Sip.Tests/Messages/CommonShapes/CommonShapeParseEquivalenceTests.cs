using System.Text;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Tests.Messages.CommonShapes;

/// <summary>
/// Whole messages parse to the same result with the common-shape fast path as with the full grammar
/// alone: the same error (status, reason, byte) or the same parts of every validated header.
/// </summary>
public sealed class CommonShapeParseEquivalenceTests
{
    private const string Invite =
        "INVITE sip:4001234567@192.0.2.1:5060 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:4001234567@192.0.2.1>\r\n" +
        "From: \"Caller\" <sip:13800138000@198.51.100.7>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@198.51.100.7\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:13800138000@198.51.100.7:5060>\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 4\r\n\r\n" +
        "v=0\n";

    public static TheoryData<string> TortureFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(TestData.Rfc4475Directory, "*.dat").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    public static TheoryData<string> Ipv6Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(TestData.Rfc5118Directory, "*.dat").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TortureFiles))]
    public void Rfc4475_message_parses_alike_with_and_without_the_fast_path(string file)
    {
        AssertParsesAlike(File.ReadAllBytes(Path.Combine(TestData.Rfc4475Directory, file)));
    }

    [Theory]
    [MemberData(nameof(Ipv6Files))]
    public void Rfc5118_message_parses_alike_with_and_without_the_fast_path(string file)
    {
        AssertParsesAlike(File.ReadAllBytes(Path.Combine(TestData.Rfc5118Directory, file)));
    }

    [Fact]
    public void Typical_invite_parses_alike_with_and_without_the_fast_path()
    {
        var fast = AssertParsesAlike(Encoding.ASCII.GetBytes(Invite));
        Assert.True(fast.IsSuccess, fast.Error?.ReasonPhrase);
    }

    [Fact]
    public void Invites_with_generated_header_values_parse_alike_with_and_without_the_fast_path()
    {
        var uris = CommonShapeValues.GeneratedUris(300).ToArray();
        var vias = CommonShapeValues.GeneratedVias(300).ToArray();
        var addresses = CommonShapeValues.GeneratedNameAddrs(300).ToArray();
        var accepted = 0;
        for (var i = 0; i < 300; i++)
        {
            var text = Invite
                .Replace("sip:4001234567@192.0.2.1:5060 SIP", uris[i] + " SIP", StringComparison.Ordinal)
                .Replace("SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport", vias[i], StringComparison.Ordinal)
                .Replace("\"Caller\" <sip:13800138000@198.51.100.7>;tag=1928301774", addresses[i], StringComparison.Ordinal)
                .Replace("<sip:4001234567@192.0.2.1>", addresses[(i + 1) % 300], StringComparison.Ordinal)
                .Replace("<sip:13800138000@198.51.100.7:5060>", addresses[(i + 2) % 300], StringComparison.Ordinal);
            accepted += AssertParsesAlike(Encoding.ASCII.GetBytes(text)).IsSuccess ? 1 : 0;
        }

        Assert.InRange(accepted, 1, 299);
    }

    [Fact]
    public void Wildcard_followed_by_a_name_addr_is_refused_alike_with_and_without_the_fast_path()
    {
        var text = Invite.Replace("Contact: <sip:", "Contact: *<sip:", StringComparison.Ordinal);
        Assert.False(AssertParsesAlike(Encoding.ASCII.GetBytes(text)).IsSuccess);
    }

    private static SipParseResult AssertParsesAlike(byte[] bytes)
    {
        var fast = SipParser.Parse(bytes, null, isDatagram: true, commonShapes: true);
        var full = SipParser.Parse(bytes, null, isDatagram: true, commonShapes: false);
        Assert.Equal(full.IsSuccess, fast.IsSuccess);
        if (!full.IsSuccess)
        {
            Assert.Equal(full.Error, fast.Error);
            return fast;
        }

        var (f, g) = (fast.Message!, full.Message!);
        Assert.Equal(g.IsRequest, f.IsRequest);
        Assert.Equal(g.StatusCode, f.StatusCode);
        Assert.Equal(g.MethodSegment, f.MethodSegment);
        Assert.Equal(g.RequestUriSegment, f.RequestUriSegment);
        Assert.Equal(g.RequestUriParts, f.RequestUriParts);
        Assert.Equal(g.TopViaParts, f.TopViaParts);
        Assert.Equal(g.FromParts, f.FromParts);
        Assert.Equal(g.ToParts, f.ToParts);
        Assert.Equal(g.CallIdSegment, f.CallIdSegment);
        Assert.Equal(g.CSeqNumber, f.CSeqNumber);
        Assert.Equal(g.CSeqMethodSegment, f.CSeqMethodSegment);
        Assert.Equal(g.MaxForwards, f.MaxForwards);
        Assert.Equal(g.ContentLength, f.ContentLength);
        Assert.Equal(g.BodySegment, f.BodySegment);
        Assert.Equal(g.HeaderCount, f.HeaderCount);
        Assert.Equal(g.Raw.Length, f.Raw.Length);
        return fast;
    }
}
