using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Media.Tests.Rtp;

/// <summary>Ended sessions' sockets rest in the factory's pool and are handed out again (real loopback sockets).</summary>
public sealed class RtpSocketPoolTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<IDisposable> _owned = [];
    private readonly IPEndPoint _remote = new(IPAddress.Loopback, 9);

    private sealed class Ignore : IRtpReceiver
    {
        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
        {
        }

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    // Each test a slice of its own, away from RtpSessionLoopbackTests' ports (30000 + pid % 500 * 40).
    private static int BasePort(int slice) => 52000 + (Environment.ProcessId % 200 * 40) + (slice * 8);

    private RtpSessionFactory Factory(int first, int last)
    {
        var factory = new RtpSessionFactory(new RtpPortRange(first, last), IPAddress.Loopback, _time, NullLogger<RtpSessionFactory>.Instance);
        _owned.Add(factory);
        return factory;
    }

    private RtpSession Open(RtpSessionFactory factory)
    {
        var session = factory.Open(_remote, TimeSpan.FromSeconds(30), new Ignore());
        Assert.NotNull(session);
        _owned.Add(session);
        return session;
    }

    [Fact]
    public void An_ended_sessions_port_is_used_again_once_it_has_rested_and_not_before()
    {
        var basePort = BasePort(0);
        var factory = Factory(basePort, basePort + 7);
        var ended = Open(factory);
        ended.Dispose();
        Assert.Equal(1, factory.PooledSockets);

        _time.Advance(RtpSocketPool.Rest - TimeSpan.FromMilliseconds(1));
        var early = Open(factory);
        Assert.NotEqual(ended.LocalPort, early.LocalPort);
        Assert.Equal(1, factory.PooledSockets);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var rested = Open(factory);
        Assert.Equal(ended.LocalPort, rested.LocalPort);
        Assert.Equal(0, factory.PooledSockets);
    }

    [Fact]
    public void A_socket_that_a_stray_stream_reached_while_it_rested_is_closed_not_handed_out()
    {
        // A peer that missed our BYE and still streams: the next call must not latch onto its packets.
        var basePort = BasePort(1);
        var factory = Factory(basePort, basePort + 7);
        var ended = Open(factory);
        var port = ended.LocalPort;
        ended.Dispose();
        using (var stray = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            stray.SendTo(new byte[172], new IPEndPoint(IPAddress.Loopback, port));
        }

        // Datagrams on loopback are queued before sendto returns.
        _time.Advance(RtpSocketPool.Rest);
        var next = Open(factory);
        Assert.NotEqual(port, next.LocalPort);
        Assert.Equal(0, factory.PooledSockets);

        // Closed, so the port is free again for the range search.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public void With_every_port_taken_a_resting_socket_is_used_rather_than_refusing_the_call()
    {
        var basePort = BasePort(2);
        var factory = Factory(basePort, basePort + 3); // two even ports
        var first = Open(factory);
        Open(factory);
        first.Dispose();

        var third = Open(factory);
        Assert.Equal(first.LocalPort, third.LocalPort);
        Assert.Null(factory.Open(_remote, TimeSpan.FromSeconds(30), new Ignore()));
    }

    [Fact]
    public void A_session_disposed_twice_gives_its_socket_back_once()
    {
        var basePort = BasePort(3);
        var factory = Factory(basePort, basePort + 7);
        var session = Open(factory);
        session.Dispose();
        session.Dispose();
        Assert.Equal(1, factory.PooledSockets);
    }

    [Fact]
    public void An_ended_session_neither_reads_nor_sends_on_the_socket_it_gave_back()
    {
        var basePort = BasePort(4);
        var factory = Factory(basePort, basePort + 7);
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var session = factory.Open((IPEndPoint)peer.LocalEndPoint!, TimeSpan.FromSeconds(30), new Ignore())!;
        session.Dispose();

        // A late tick of the media clock must leave a stray datagram in place for the pool's quiet check.
        peer.SendTo(new byte[172], new IPEndPoint(IPAddress.Loopback, session.LocalPort));
        session.Tick();
        Assert.True(session.PendingBytes > 0);

        session.SendFrame(new byte[160]);
        Assert.Equal(0, session.Counters.PacketsSent);
        Assert.Equal(0, peer.Available);
    }

    [Fact]
    public void Disposing_the_factory_closes_the_resting_sockets()
    {
        var basePort = BasePort(5);
        var factory = Factory(basePort, basePort + 1);
        var session = Open(factory);
        var port = session.LocalPort;
        session.Dispose();
        factory.Dispose();

        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
