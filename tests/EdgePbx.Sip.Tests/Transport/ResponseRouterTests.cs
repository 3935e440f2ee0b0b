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
}
