using System.Net;
using System.Text;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Tests.Transport;

/// <summary>
/// Responses routed and their Via echoed from the request's bytes (the common Via shape) must come out exactly as the
/// parsed top Via gives them (RFC 3261 18.2.1 and 18.2.2, RFC 3581 4), for every shape either path reads.
/// </summary>
public sealed class PlainViaTests
{
    private static readonly IPEndPoint Local = new(IPAddress.Loopback, 5060);

    private static readonly string[] Vias =
    [
        "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport",
        "SIP/2.0/UDP 10.0.0.2:5060;rport;branch=z9hG4bK1",
        "SIP/2.0/udp 10.0.0.2;branch=z9hG4bK1",
        "SIP/2.0/UDP 198.51.100.7:40001;branch=z9hG4bK1",
        "SIP/2.0/UDP 198.51.100.7;branch=z9hG4bK1;received=192.0.2.9",
        "SIP/2.0/UDP 10.0.0.2:5070;received=192.0.2.9;branch=z9hG4bK1;rport=1234",
        "SIP/2.0/UDP phone.example.com:5062;branch=z9hG4bKabc;x-flag;TTL=3",
        "SIP/2.0/UDP Phone.Example.COM;BRANCH=z9hG4bKabc;RPORT",
        "SIP/2.0/UDP 10.0.0.2:5062;branch=z9hG4bK1;maddr=239.255.255.1",
        "SIP/2.0/UDP 10.0.0.2:5062;branch=z9hG4bK1;maddr=not-an-address",
        "SIP/2.0/UDP   10.0.0.2:5060;branch=z9hG4bK1",
        "SIP/2.0/UDP 10.0.0.2:5060 ;branch=z9hG4bK1",
        "SIP/2.0/UDP [2001:db8::9]:5060;branch=z9hG4bK1;rport",
        "SIP/2.0/UDP 10.0.0.2:5060;branch=\"z9hG4bK1\"",
        "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1, SIP/2.0/UDP 10.0.0.3;branch=z9hG4bK0",
    ];

    public static TheoryData<string, string> ViasAndSources()
    {
        var data = new TheoryData<string, string>();
        foreach (var via in Vias)
        {
            foreach (var source in new[] { "198.51.100.7:40001", "10.0.0.2:5060", "[::ffff:10.0.0.2]:5060", "[2001:db8::9]:5060" })
            {
                data.Add(via, source);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ViasAndSources))]
    public void The_echoed_Via_and_the_response_target_read_from_bytes_are_those_of_the_parsed_Via(string via, string source)
    {
        var inbound = Request(WithVia(via), source);

        AssertSameAsParsed(inbound);
    }

    [Fact]
    public void The_common_shapes_are_read_from_bytes()
    {
        // Not a vacuous comparison: most of the shapes above take the byte path.
        var plain = Vias.Count(v => PlainVia.TryGet(Request(WithVia(v), "10.0.0.2:5060").Message, out _));
        Assert.InRange(plain, 10, Vias.Length - 3);
    }

    [Theory]
    [MemberData(nameof(Messages.Rfc4475TortureTests.Files), MemberType = typeof(Messages.Rfc4475TortureTests))]
    public void Every_rfc4475_request_is_answered_the_same_from_bytes_as_from_the_parsed_Via(string name)
    {
        var result = SipParser.Parse(File.ReadAllBytes(Path.Combine(TestData.Rfc4475Directory, name + ".dat")));
        if (result.Message is { IsRequest: true } m)
        {
            AssertSameAsParsed(new SipInbound(m, Udp("198.51.100.7:40001"), Local));
        }
    }

    [Theory]
    [MemberData(nameof(Messages.Rfc4475TortureTests.Files), MemberType = typeof(Messages.Rfc4475TortureTests))]
    public void A_response_copies_the_Vias_after_the_top_one_as_the_parsed_list_has_them(string name)
    {
        var result = SipParser.Parse(File.ReadAllBytes(Path.Combine(TestData.Rfc4475Directory, name + ".dat")));
        if (result.Message is { IsRequest: true } m)
        {
            var response = SipParser.Parse(SipMessageBuilder.ResponseTo(m, 200, "OK", "t1", "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-top").ToBytes()).Message!;

            Assert.Equal(["SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-top", .. m.Vias.Skip(1).Select(v => v.ToString())], response.Vias.Select(v => v.ToString()));
        }
    }

    [Theory]
    [InlineData("Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1\r\n")]
    [InlineData("Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP 10.0.0.3;branch=z9hG4bK0\r\n")]
    [InlineData("Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1\r\nv: SIP/2.0/TCP  10.0.0.4 ;branch=z9hG4bK9, SIP/2.0/UDP 10.0.0.5;branch=z9hG4bK8\r\n")]
    [InlineData("Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1, SIP/2.0/UDP 10.0.0.3;branch=z9hG4bK0\r\n")]
    public void A_response_copies_every_further_Via_whatever_the_top_one_s_shape(string vias)
    {
        var m = SipParser.Parse(Encoding.ASCII.GetBytes($"OPTIONS sip:a@b SIP/2.0\r\n{vias}From: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")).Message!;

        var response = SipParser.Parse(SipMessageBuilder.ResponseTo(m, 200, "OK", "t1", "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-top").ToBytes()).Message!;

        Assert.Equal(m.Vias.Count, response.Vias.Count);
        Assert.Equal(m.Vias.Skip(1).Select(v => v.ToString()), response.Vias.Skip(1).Select(v => v.ToString()));
    }

    private static void AssertSameAsParsed(SipInbound inbound)
    {
        var address = inbound.Source.EndPoint.Address;
        Assert.Equal(inbound.FromParsedVia(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address), inbound.TopViaForResponse());
        Assert.Equal(ResponseRouter.FromParsedVia(inbound), ResponseRouter.Route(inbound));
    }

    private static string WithVia(string via) =>
        $"OPTIONS sip:a@b SIP/2.0\r\nVia: {via}\r\nFrom: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    private static SipInbound Request(string text, string source) =>
        new(SipParser.Parse(Encoding.ASCII.GetBytes(text)).Message!, Udp(source), Local);

    private static SipPeer Udp(string endPoint) => new(SipTransportKind.Udp, IPEndPoint.Parse(endPoint));
}
