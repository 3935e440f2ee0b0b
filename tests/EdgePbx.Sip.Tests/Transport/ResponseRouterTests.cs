using System.Net;
using System.Text;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Tests.Transport;

/// <summary>RFC 3261 18.2.2 and RFC 3581 4.</summary>
public sealed class ResponseRouterTests
{
    private static SipInbound Request(string via, SipPeer source) => new(
        SipParser.Parse(Encoding.ASCII.GetBytes(
            $"OPTIONS sip:a@b SIP/2.0\r\nVia: {via}\r\nFrom: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")).Message!,
        source,
        new IPEndPoint(IPAddress.Loopback, 5060));

    private static readonly SipPeer NattedUdp = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("198.51.100.7"), 40001));

    [Fact]
    public void Udp_response_with_rport_goes_to_the_source_address_and_port()
    {
        var target = ResponseRouter.Route(Request("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport", NattedUdp));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 40001), target.EndPoint);
    }

    [Fact]
    public void A_response_to_the_source_itself_reuses_the_source_endpoint()
    {
        var inbound = Request("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport", NattedUdp);
        Assert.Same(NattedUdp.EndPoint, ResponseRouter.Route(inbound).EndPoint);
    }

    [Fact]
    public void Udp_response_without_rport_goes_to_the_received_address_and_sent_by_port()
    {
        var target = ResponseRouter.Route(Request("SIP/2.0/UDP 10.0.0.2:5070;branch=z9hG4bK1", NattedUdp));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5070), target.EndPoint);
    }

    [Fact]
    public void Udp_response_without_port_in_sent_by_uses_5060()
    {
        var target = ResponseRouter.Route(Request("SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK1", NattedUdp));
        Assert.Equal(5060, target.EndPoint.Port);
    }

    [Fact]
    public void Udp_response_with_maddr_goes_to_maddr()
    {
        var target = ResponseRouter.Route(Request("SIP/2.0/UDP 10.0.0.2:5062;branch=z9hG4bK1;maddr=239.255.255.1", NattedUdp));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("239.255.255.1"), 5062), target.EndPoint);
    }

    [Fact]
    public void Tcp_response_reuses_the_request_connection()
    {
        var source = new SipPeer(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Parse("198.51.100.7"), 40001), 42);
        Assert.Equal(source, ResponseRouter.Route(Request("SIP/2.0/TCP 10.0.0.2:5060;branch=z9hG4bK1", source)));
    }

    [Fact]
    public void Response_via_gets_received_and_the_filled_in_rport()
    {
        var via = Request("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport", NattedUdp).TopViaForResponse();
        Assert.Equal("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport=40001;received=198.51.100.7", via);
    }

    [Fact]
    public void Response_via_gets_no_received_when_sent_by_is_the_source_address()
    {
        var source = new SipPeer(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("10.0.0.2"), 5060));
        Assert.Equal("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1", Request("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1", source).TopViaForResponse());
    }

    [Fact]
    public void Response_via_replaces_a_received_the_request_carried_and_keeps_the_other_parameters_in_order()
    {
        var via = Request("SIP/2.0/UDP 10.0.0.2;received=192.0.2.1;branch=z9hG4bK1;ttl=4;x", NattedUdp).TopViaForResponse();
        Assert.Equal("SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK1;ttl=4;x;received=198.51.100.7", via);
    }

    [Fact]
    public void Response_via_of_an_ipv6_peer_compares_the_bracketed_host_and_writes_received_without_brackets()
    {
        var sameHost = new SipPeer(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("2001:db8::7"), 5060));
        Assert.Equal("SIP/2.0/UDP [2001:db8::7]:5060;branch=z9hG4bK1", Request("SIP/2.0/UDP [2001:db8::7]:5060;branch=z9hG4bK1", sameHost).TopViaForResponse());

        var natted = new SipPeer(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("2001:db8::9"), 40001));
        Assert.Equal(
            "SIP/2.0/UDP [2001:db8::7]:5060;branch=z9hG4bK1;rport=40001;received=2001:db8::9",
            Request("SIP/2.0/UDP [2001:db8::7]:5060;branch=z9hG4bK1;rport", natted).TopViaForResponse());
    }

    [Fact]
    public void Response_via_of_an_ipv4_peer_on_a_dual_stack_socket_is_the_ipv4_address()
    {
        var mapped = new SipPeer(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("198.51.100.7").MapToIPv6(), 40001));
        Assert.Equal(
            "SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport=40001;received=198.51.100.7",
            Request("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK1;rport", mapped).TopViaForResponse());
    }

    [Fact]
    public void Making_the_response_via_allocates_little_more_than_the_string()
    {
        // Every request is answered (an INVITE three times, from one cached Via): it was a parameter list, a copy of
        // the Via and a growing StringBuilder before.
        var inbound = Request("SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK-524287-1---8c3fa0f4c4ab;rport", NattedUdp);
        _ = inbound.Message.TopVia;
        var expected = inbound.TopViaForResponse();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var via = inbound.TopViaForResponse();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(expected, via);
        // The string (22 B + 2 per character) and, under 128 B beside it, the IPAddress parsed from the sent-by host
        // (600 B in all for this Via before, 320 now).
        Assert.True(allocated <= 22 + (2 * via.Length) + 128, $"{allocated} B allocated for a {via.Length}-character Via");
    }
}
