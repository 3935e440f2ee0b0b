using System.Text;
using EdgePbx.Sip.Messages;
using Xunit;

namespace EdgePbx.Switchboard.Tests.Engine;

/// <summary>The caller's number a record and a forward carry: P-Asserted-Identity first, else From, cleaned.</summary>
public sealed class CallerOfTests
{
    [Theory]
    [InlineData("<sip:02112345678@198.51.100.7>;tag=1", null, "02112345678")]
    [InlineData("\"Ann\" <sip:+8613800138000@198.51.100.7>;tag=1", null, "+8613800138000")]
    [InlineData("<sip:021%2012345678@198.51.100.7>;tag=1", null, "02112345678")]
    [InlineData("<sip:021-1234.5_6*7@198.51.100.7>;tag=1", null, "021-1234.5_6*7")]
    [InlineData("<sip:%22%3Cx%3E%22@198.51.100.7>;tag=1", null, "x")]
    [InlineData("<sip:198.51.100.7>;tag=1", null, "anonymous")]
    [InlineData("<sip:%20@198.51.100.7>;tag=1", null, "anonymous")]
    [InlineData("<sip:02112345678@198.51.100.7>;tag=1", "<sip:075512345678@carrier.example;user=phone>", "075512345678")]
    public void Takes_the_asserted_identity_or_the_From_user_and_keeps_only_number_characters(string from, string? assertedIdentity, string expected)
    {
        var pai = assertedIdentity is null ? "" : $"P-Asserted-Identity: {assertedIdentity}\r\n";
        var text = "INVITE sip:4006123456@192.0.2.1 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK-1\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: {from}\r\n" +
            "To: <sip:4006123456@192.0.2.1>\r\n" +
            "Call-ID: caller-of-1\r\n" +
            "CSeq: 1 INVITE\r\n" +
            pai +
            "Content-Length: 0\r\n\r\n";
        var message = SipParser.Parse(Encoding.UTF8.GetBytes(text)).Message!;

        Assert.Equal(expected, CallEngine.CallerOf(message));
    }
}
