using System.Net;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Tests.Registration;

public sealed class BindingPeerTests
{
    private static SipBinding Binding(string contact, string source) =>
        new("sip:101@edgepbx", contact, "call-1", 1, DateTimeOffset.UnixEpoch, null, source, null);

    [Theory]
    [InlineData("UDP:192.0.2.7:5060", SipTransportKind.Udp, "192.0.2.7", 5060)]
    [InlineData("udp:192.0.2.7:5062", SipTransportKind.Udp, "192.0.2.7", 5062)]
    [InlineData("TCP:[2001:db8::7]:5060", SipTransportKind.Tcp, "2001:db8::7", 5060)]
    public void A_source_as_the_stack_writes_it_names_transport_and_address(string source, SipTransportKind transport, string address, int port)
    {
        var peer = BindingPeer.FromSource(source);

        Assert.NotNull(peer);
        Assert.Equal(transport, peer.Value.Transport);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), peer.Value.EndPoint);
    }

    [Theory]
    [InlineData("SCTP:192.0.2.7:5060")]
    [InlineData("UD:192.0.2.7:5060")]
    [InlineData("0:192.0.2.7:5060")]
    [InlineData(":192.0.2.7:5060")]
    [InlineData("UDP:not-an-address")]
    [InlineData("UDP")]
    [InlineData("")]
    public void A_source_of_another_shape_gives_no_peer(string source) => Assert.Null(BindingPeer.FromSource(source));

    [Fact]
    public void Behind_nat_requests_go_where_the_register_came_from()
    {
        var peer = BindingPeer.For(Binding("sip:101@10.0.0.5:5060", "UDP:198.51.100.9:40000"));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.9"), 40000), peer!.Value.EndPoint);
    }

    [Fact]
    public void A_contact_naming_the_source_address_is_used_as_written()
    {
        var peer = BindingPeer.For(Binding("sip:101@192.0.2.7:5070;transport=tcp", "TCP:192.0.2.7:40000"));

        Assert.Equal(SipTransportKind.Tcp, peer!.Value.Transport);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 5070), peer.Value.EndPoint);
    }
}
