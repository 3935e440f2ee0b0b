using System.Net;
using System.Net.Sockets;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Tests.Transport;

/// <summary>One endpoint object per datagram source, and never the wrong one.</summary>
public sealed class SourceEndPointsTests
{
    private static SocketAddress Address(string ip, int port) => new IPEndPoint(IPAddress.Parse(ip), port).Serialize();

    [Fact]
    public void Datagrams_from_one_source_share_one_endpoint()
    {
        var sources = new SourceEndPoints(AddressFamily.InterNetwork);

        var first = sources.Get(Address("198.51.100.7", 5060));
        var again = sources.Get(Address("198.51.100.7", 5060));

        Assert.Same(first, again);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5060), first);
    }

    [Fact]
    public void Another_port_or_address_is_another_endpoint()
    {
        var sources = new SourceEndPoints(AddressFamily.InterNetwork);

        var a = sources.Get(Address("198.51.100.7", 5060));
        var otherPort = sources.Get(Address("198.51.100.7", 5062));
        var otherHost = sources.Get(Address("198.51.100.8", 5060));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5062), otherPort);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.8"), 5060), otherHost);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5060), a);
    }

    [Fact]
    public void More_sources_than_slots_each_still_get_their_own_endpoint()
    {
        // 200 sources in 64 slots: many share a slot and push each other out; every answer must still be right.
        var sources = new SourceEndPoints(AddressFamily.InterNetwork);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 200; i++)
            {
                var expected = new IPEndPoint(IPAddress.Parse($"10.0.{i / 100}.{i % 100}"), 5060 + (i % 7));
                Assert.Equal(expected, sources.Get(expected.Serialize()));
            }
        }
    }

    [Fact]
    public void An_ipv4_peer_on_a_dual_stack_socket_comes_back_as_ipv4()
    {
        var sources = new SourceEndPoints(AddressFamily.InterNetworkV6);
        var mapped = new IPEndPoint(IPAddress.Parse("198.51.100.7").MapToIPv6(), 40001).Serialize();

        var endPoint = sources.Get(mapped);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 40001), endPoint);
        Assert.Same(endPoint, sources.Get(mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 5060), sources.Get(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 5060).Serialize()));
    }
}
