using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Media.Tests.Rtp;

/// <summary>
/// Strict symmetric RTP on a session drained by the media clock: the first source is latched, later packets from
/// anyone else are dropped until the latched source has been silent for RtpSession.RelatchAfterSilence, or the
/// remote is set again. Real UDP sockets on loopback; time from a FakeTimeProvider.
/// </summary>
public sealed class RtpStrictSourceTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<IDisposable> _owned = [];
    private readonly Collector _received = new();
    private readonly RtpSession _session;
    private readonly Socket _phone;
    private readonly Socket _other;

    public RtpStrictSourceTests()
    {
        var basePort = 33000 + (Environment.ProcessId % 500 * 40);
        var factory = new RtpSessionFactory(new RtpPortRange(basePort, basePort + 39), IPAddress.Loopback, _time, NullLogger<RtpSessionFactory>.Instance);
        _owned.Add(factory);
        _phone = Peer();
        _other = Peer();

        // The SDP names the phone's port, as when it is not behind NAT.
        _session = factory.Open((IPEndPoint)_phone.LocalEndPoint!, TimeSpan.FromSeconds(30), _received)!;
        _owned.Add(_session);
    }

    private sealed class Collector : IRtpReceiver
    {
        public List<byte> Fills { get; } = [];

        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload) => Fills.Add(payload[0]);

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private Socket Peer()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _owned.Add(socket);
        return socket;
    }

    private static byte[] Packet(ushort sequence, byte fill)
    {
        var packet = new byte[12 + 160];
        RtpPacket.Write(packet, new RtpHeader(false, 0, sequence, sequence * 160u, fill), Enumerable.Repeat(fill, 160).ToArray());
        return packet;
    }

    /// <summary>Sends packets from <paramref name="from"/> and ticks until the session has read all of them.</summary>
    private void Send(Socket from, ushort firstSequence, int count, byte fill)
    {
        var seen = _session.Counters.PacketsReceived + _session.Counters.FromOtherSources + count;
        for (var i = 0; i < count; i++)
        {
            from.SendTo(Packet((ushort)(firstSequence + i), fill), new IPEndPoint(IPAddress.Loopback, _session.LocalPort));
        }

        Assert.True(
            SpinWait.SpinUntil(
                () =>
                {
                    _session.Tick();
                    return _session.Counters.PacketsReceived + _session.Counters.FromOtherSources >= seen;
                },
                TimeSpan.FromSeconds(5)),
            "datagrams did not arrive on loopback");
    }

    private int Port(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    [Fact]
    public void Packets_from_another_source_are_dropped_while_the_latched_one_streams()
    {
        Send(_phone, 1, 2, 0x11);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Send(_other, 100, 3, 0x66);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Send(_phone, 3, 1, 0x22);

        // The phone's first packet is RFC 3550 A.1 probation; none of the other's got through.
        Assert.Equal([0x11, 0x22], _received.Fills);
        Assert.Equal(3, _session.Counters.FromOtherSources);
        Assert.Equal(3, _session.Counters.PacketsReceived);
        Assert.Equal(Port(_phone), _session.RemoteEndPoint.Port);
    }

    [Fact]
    public void A_new_source_takes_over_only_after_the_latched_one_is_silent_for_a_second()
    {
        Send(_phone, 1, 2, 0x11);
        _time.Advance(RtpSession.RelatchAfterSilence - TimeSpan.FromMilliseconds(1));
        Send(_other, 100, 1, 0x66);
        Assert.Equal(1, _session.Counters.FromOtherSources);
        Assert.Equal(Port(_phone), _session.RemoteEndPoint.Port);

        // The carrier's media moved: the old stream stopped a second ago, the new one is latched.
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Send(_other, 101, 3, 0x77);
        Assert.Equal(Port(_other), _session.RemoteEndPoint.Port);
        Assert.Equal(1, _session.Counters.FromOtherSources);
        Assert.Contains((byte)0x77, _received.Fills);

        // Now the old source is the stranger.
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Send(_phone, 3, 2, 0x22);
        Assert.Equal(3, _session.Counters.FromOtherSources);
        Assert.DoesNotContain((byte)0x22, _received.Fills);
    }

    [Fact]
    public void Setting_the_remote_again_lets_the_next_source_latch_at_once()
    {
        Send(_phone, 1, 2, 0x11);

        // A re-INVITE moved the media: no need to wait out the old stream.
        _session.SetRemoteEndPoint((IPEndPoint)_other.LocalEndPoint!);
        Send(_other, 100, 2, 0x66);
        Assert.Equal(0, _session.Counters.FromOtherSources);
        Assert.Equal(Port(_other), _session.RemoteEndPoint.Port);
        Assert.Contains((byte)0x66, _received.Fills);
    }

    [Fact]
    public void Replies_go_to_the_latched_source_not_to_a_dropped_one()
    {
        Send(_phone, 1, 2, 0x11);
        Send(_other, 100, 2, 0x66);
        _session.SendFrame(new byte[160]);

        _phone.ReceiveTimeout = 5000;
        var buffer = new byte[1500];
        Assert.Equal(172, _phone.Receive(buffer));
        Assert.Equal(0, _other.Available);
    }
}
