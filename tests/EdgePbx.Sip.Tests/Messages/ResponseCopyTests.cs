using System.Text;
using EdgePbx.Sip.Messages;
using Xunit;

namespace EdgePbx.Sip.Tests.Messages;

/// <summary>
/// A response copies Via, From, To, Call-ID and CSeq from its request (RFC 3261 8.2.6.2); printable ASCII values are
/// copied as bytes. Whatever the request, the bytes must be what copying each value as text gives.
/// </summary>
public sealed class ResponseCopyTests
{
    private const string TopVia = "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-echo;rport=5060;received=198.51.100.7";

    public static TheoryData<string> Requests()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestData.Rfc4475Directory, "*.dat").Order(StringComparer.Ordinal))
        {
            if (SipParser.Parse(File.ReadAllBytes(file)).Message is { IsRequest: true })
            {
                data.Add(Path.GetFileName(file));
            }
        }

        foreach (var name in Shapes.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    // Values that leave the byte copy: a tab, a fold, UTF-8, and a To that already has a tag.
    private static readonly Dictionary<string, string> Shapes = new()
    {
        ["plain"] = Request("<sip:02112345678@198.51.100.7>;tag=1", "<sip:4006123456@192.0.2.1>"),
        ["tab"] = Request("<sip:021@198.51.100.7>;\ttag=1", "<sip:400@192.0.2.1>"),
        ["fold"] = Request("<sip:021@198.51.100.7>;tag=1", "<sip:400@192.0.2.1>\r\n ;x=1"),
        ["utf-8"] = Request("\"张三\" <sip:021@198.51.100.7>;tag=1", "\"李四\" <sip:400@192.0.2.1>"),
        ["to-tag"] = Request("<sip:021@198.51.100.7>;tag=1", "<sip:400@192.0.2.1>;tag=already"),
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Copied_headers_are_the_request_values_written_as_text(string name)
    {
        var bytes = Shapes.TryGetValue(name, out var text)
            ? Encoding.UTF8.GetBytes(text)
            : File.ReadAllBytes(Path.Combine(TestData.Rfc4475Directory, name));
        var request = SipParser.Parse(bytes).Message!;

        foreach (var (status, topVia) in new (int, string?)[] { (100, null), (180, TopVia), (200, null), (486, TopVia) })
        {
            var expected = CopiedAsText(request, status, "Reason", "t-1", topVia).ToBytes();
            var actual = SipMessageBuilder.ResponseTo(request, status, "Reason", "t-1", topVia).ToBytes();
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
            Assert.Equal(expected, actual);
        }
    }

    /// <summary>The response as ResponseTo wrote it when every value went through a string.</summary>
    private static SipMessageBuilder CopiedAsText(SipMessage request, int status, string reason, string toTag, string? topVia)
    {
        var b = SipMessageBuilder.Response(status, reason);
        var viaDone = false;
        for (var i = 0; i < request.HeaderCount; i++)
        {
            var e = request.GetEntry(i);
            var value = request.GetValue(e);
            switch (e.Kind)
            {
                case HeaderKind.Via when topVia is not null:
                    if (!viaDone)
                    {
                        b.Add("Via", topVia);
                        var vias = request.Vias;
                        for (var v = 1; v < vias.Count; v++)
                        {
                            b.Add("Via", vias[v].ToString());
                        }

                        viaDone = true;
                    }

                    break;
                case HeaderKind.Via:
                    b.Add("Via", value);
                    break;
                case HeaderKind.From:
                    b.Add("From", value);
                    break;
                case HeaderKind.To:
                    b.Add("To", request.ToTag is null && status > 100 ? $"{value};tag={toTag}" : value);
                    break;
                case HeaderKind.CallId:
                    b.Add("Call-ID", value);
                    break;
                case HeaderKind.CSeq:
                    b.Add("CSeq", value);
                    break;
            }
        }

        return b;
    }

    private static string Request(string from, string to) =>
        "INVITE sip:4006123456@192.0.2.1 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-1\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.9;branch=z9hG4bK-0\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: {from}\r\n" +
        $"To: {to}\r\n" +
        "Call-ID: copy-1@198.51.100.7\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Content-Length: 0\r\n\r\n";
}
