using System.Text;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Tests.Messages;

/// <summary>RFC 4475: every torture message, one case per file, read byte-exact from the shared folder.</summary>
public sealed class Rfc4475TortureTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(TestData.Rfc4475Directory, "*.dat").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Torture_message_is_accepted_or_refused_as_rfc4475_says(string name)
    {
        Assert.True(Expectations.TryGetValue(name, out var expected), $"no expectation written for {name}");
        var bytes = File.ReadAllBytes(Path.Combine(TestData.Rfc4475Directory, name + ".dat"));

        var result = SipParser.Parse(bytes);

        if (expected.Valid)
        {
            Assert.True(result.IsSuccess, $"{name}: {result.Error}");
            expected.Check?.Invoke(result.Message!);
        }
        else
        {
            Assert.False(result.IsSuccess, $"{name} was accepted");
            Assert.Equal(expected.Status, result.Error!.StatusCode);
            Assert.Contains(expected.ReasonContains, result.Error.ReasonPhrase, StringComparison.Ordinal);
            Assert.Contains(" at byte ", result.Error.ReasonPhrase, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Top_sent_by_from_the_header_index_is_the_parsed_top_Via_s_in_lower_case(string name)
    {
        var result = SipParser.Parse(File.ReadAllBytes(Path.Combine(TestData.Rfc4475Directory, name + ".dat")));
        if (result.Message is { } m)
        {
            // The transaction key's sent-by (RFC 3261 17.2.3) without parsing the Via list must be the same text.
            Assert.Equal(m.TopVia.SentBy.ToLowerInvariant(), m.TopSentBy);
        }
    }

    [Fact]
    public void Shared_folder_holds_exactly_the_49_rfc4475_messages()
    {
        var files = Directory.EnumerateFiles(TestData.Rfc4475Directory, "*.dat").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Equal(49, files.Count);
        Assert.True(files.SetEquals(Expectations.Keys));
    }

    private static readonly Dictionary<string, TortureExpectation> Expectations = new()
    {
        // 3.1.1 valid messages
        ["wsinv"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("INVITE", m.Method);
            Assert.Equal("1918181833n", m.ToTag);
            Assert.Equal("98asjd8", m.FromTag);
            Assert.Equal("J Rosenberg \\\"", m.From.DisplayName);
            Assert.Equal(68, m.MaxForwards);
            Assert.Equal(new CSeqHeader(9, "INVITE"), m.CSeq);
            Assert.Equal(["UDP", "TCP", "UDP"], m.Vias.Select(v => v.Transport));
            Assert.Equal("192.0.2.2", m.TopVia.Host);
            Assert.Equal("390skdjuw", m.TopBranch);
            Assert.Equal("spindle.example.com", m.Vias[1].Host);
            Assert.Equal("z9hG4bK9ikj8", m.Vias[1].Branch);
            Assert.Equal("z9hG4bK30239", m.Vias[2].Branch);
            Assert.Equal("Quoted string \"\"", m.Contacts[0].DisplayName);
            Assert.Equal("newvalue", m.Contacts[0].GetParameter("newparam"));
            Assert.Equal("0.33", m.Contacts[0].GetParameter("q"));
            Assert.Equal("newfangled value continued newfangled value", m.GetHeader("NewFangledHeader"));
            Assert.Equal(string.Empty, m.GetHeader("Subject"));
            Assert.Equal(150, m.Body.Length);
        }),
        ["intmeth"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
            Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri.User);
            Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", m.RequestUri.Password);
            Assert.Equal("example.com", m.RequestUri.Host);
            Assert.Equal("_token~1'+`*%!-.", m.FromTag);
            Assert.Equal("token1~` token2'+_ token3*%!.-", m.From.DisplayName);
            Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", m.CallId);
            Assert.Equal("BEL:\a NUL:\0 DEL:\x7f", m.To.DisplayName);
            Assert.Equal(255, m.MaxForwards);
        }),
        ["esc01"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("sips%3Auser%40example.com", m.RequestUri.User);
            Assert.Equal("sips:user@example.com", SipUri.Unescape(m.RequestUri.User!));
            Assert.Equal("user", SipUri.Unescape(m.To.Uri.User!));
            Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", m.CallId);
            Assert.Equal("application/sdp", m.ContentType);
            Assert.Single(m.Contacts);
        }),
        ["escnull"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal(2, m.Contacts.Count);
            Assert.Equal("null-\0-null", SipUri.Unescape(m.To.Uri.User!));
        }),
        ["esc02"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("RE%47IST%45R", m.Method);
            Assert.False(m.IsMethod("REGISTER"u8));
            Assert.Equal(2, m.Contacts.Count);
            Assert.Equal("<sip:alias2@host2.example.com>", m.GetHeader("C%6Fntact"));
        }),
        ["lwsdisp"] = TortureExpectation.Parses(m => Assert.Equal("caller", m.From.DisplayName)),
        ["longreq"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal(34, m.Vias.Count);
            Assert.StartsWith("I have a user name of extreme", m.To.DisplayName, StringComparison.Ordinal);
            Assert.Equal("shortvalue", m.To.Uri.GetParameter("longparamnamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamenamename"));
            Assert.Equal(150, m.Body.Length);
        }),
        ["dblreq"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("REGISTER", m.Method);
            Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", m.CallId);
            Assert.Equal(0, m.Body.Length);
            Assert.DoesNotContain("INVITE", m.ToString(), StringComparison.Ordinal);
        }),
        ["semiuri"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("user;par=u%40example.net", m.RequestUri.User);
            Assert.Equal("example.com", m.RequestUri.Host);
            Assert.Empty(m.RequestUri.Parameters);
            Assert.Contains("message/sipfrag", m.GetHeader("Accept"), StringComparison.Ordinal);
        }),
        ["transports"] = TortureExpectation.Parses(m =>
            Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport))),
        ["mpart01"] = TortureExpectation.Parses(m =>
        {
            Assert.StartsWith("multipart/mixed", m.ContentType, StringComparison.Ordinal);
            Assert.Equal(553, m.Body.Length);
            Assert.StartsWith("--7a9cbec02ceef655", Encoding.ASCII.GetString(m.Body.Span), StringComparison.Ordinal);
        }),
        ["unreason"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal(200, m.StatusCode);
            Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", m.ReasonPhrase);
        }),
        ["noreason"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal(100, m.StatusCode);
            Assert.Equal(string.Empty, m.ReasonPhrase);
        }),

        // 3.1.2 invalid messages
        ["badinv01"] = TortureExpectation.Refused(400, "Via: empty parameter"),
        ["clerr"] = TortureExpectation.Refused(400, "Content-Length 9999 exceeds"),
        ["ncl"] = TortureExpectation.Refused(400, "Content-Length: value must be a number"),
        ["scalar02"] = TortureExpectation.Refused(400, "CSeq: CSeq number missing or not below 2**31"),
        ["scalarlg"] = TortureExpectation.Refused(400, "CSeq: CSeq number missing or not below 2**31"),
        ["quotbal"] = TortureExpectation.Refused(400, "To: unterminated quoted string"),
        ["ltgtruri"] = TortureExpectation.Refused(400, "Request-URI must not be enclosed in <>"),
        ["lwsruri"] = TortureExpectation.Refused(400, "extra whitespace in Request-Line"),
        ["lwsstart"] = TortureExpectation.Refused(400, "extra whitespace in Request-Line"),
        ["trws"] = TortureExpectation.Refused(400, "whitespace after SIP-Version"),
        ["escruri"] = TortureExpectation.Refused(400, "Request-URI must not contain headers"),
        ["baddate"] = TortureExpectation.Refused(400, "Date: time zone must be GMT"),
        ["regbadct"] = TortureExpectation.Refused(400, "Contact: URI with headers must be enclosed in <>"),
        ["badaspec"] = TortureExpectation.Refused(400, "To: whitespace inside <>"),
        ["baddn"] = TortureExpectation.Refused(400, "From: display name with special characters must be quoted"),
        ["badvers"] = TortureExpectation.Refused(505, "SIP version 7.0 not supported"),
        ["mismatch01"] = TortureExpectation.Refused(400, "CSeq method does not match the Request-Line"),
        ["mismatch02"] = TortureExpectation.Refused(400, "CSeq method does not match the Request-Line"),
        ["bigcode"] = TortureExpectation.Refused(400, "Status-Code must be three digits"),

        // 3.2 transaction layer: valid syntax, branch is only the magic cookie
        ["badbranch"] = TortureExpectation.Parses(m => Assert.Equal("z9hG4bK", m.TopBranch)),

        // 3.3 application layer
        ["insuf"] = TortureExpectation.Refused(400, "missing Call-ID header"),
        ["unkscm"] = TortureExpectation.Parses(m =>
        {
            Assert.False(m.RequestUri.IsSip);
            Assert.Equal("nobodyknowsthisscheme", m.RequestUri.Scheme);
        }),
        ["novelsc"] = TortureExpectation.Parses(m => Assert.Equal("soap.beep", m.RequestUri.Scheme)),
        ["unksm2"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal("isbn", m.To.Uri.Scheme);
            Assert.Equal("http", m.From.Uri.Scheme);
            Assert.Equal("name:John_Smith", m.Contacts[0].Uri.Text);
        }),
        ["bext01"] = TortureExpectation.Parses(m =>
            Assert.Equal("nothingSupportsThis, nothingSupportsThisEither", m.GetHeader(HeaderKind.Require))),
        ["invut"] = TortureExpectation.Parses(m => Assert.Equal("application/unknownformat", m.ContentType)),
        ["regaut01"] = TortureExpectation.Parses(m =>
            Assert.Equal("NoOneKnowsThisScheme opaque-data=here", m.GetHeader(HeaderKind.Authorization))),
        ["multi01"] = TortureExpectation.Refused(400, "CSeq: more than one value"),
        ["mcl01"] = TortureExpectation.Refused(400, "Content-Length: more than one value"),
        ["bcast"] = TortureExpectation.Parses(m => Assert.Equal("255.255.255.255", m.Vias[1].Host)),
        ["zeromf"] = TortureExpectation.Parses(m => Assert.Equal(0, m.MaxForwards)),
        ["cparam01"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal(string.Empty, m.Contacts[0].GetParameter("unknownparam"));
            Assert.Empty(m.Contacts[0].Uri.Parameters);
        }),
        ["cparam02"] = TortureExpectation.Parses(m =>
        {
            Assert.Equal(string.Empty, m.Contacts[0].Uri.GetParameter("unknownparam"));
            Assert.Empty(m.Contacts[0].Parameters);
        }),
        ["regescrt"] = TortureExpectation.Parses(m => Assert.Equal("Route=%3Csip:sip.example.com%3E", m.Contacts[0].Uri.Headers)),
        ["sdp01"] = TortureExpectation.Parses(m => Assert.Equal("text/nobodyKnowsThis", m.GetHeader(HeaderKind.Accept))),

        // 3.4 backward compatibility: RFC 2543 request without tags, branch or Max-Forwards
        ["inv2543"] = TortureExpectation.Parses(m =>
        {
            Assert.Null(m.MaxForwards);
            Assert.Null(m.FromTag);
            Assert.Null(m.TopBranch);
            Assert.Null(m.ContentLength);
            Assert.True(m.Body.Length > 0);
        }),
    };
}
