using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Media.Tests.Rtp;

[CollectionDefinition(nameof(AllocationMeasurements), DisableParallelization = true)]
public sealed class AllocationMeasurements;

/// <summary>
/// Relayed legs forward on arrival: a packet crosses the relay with no media clock tick after the hand-over
/// (a tick would add up to 20 ms), and forwarding allocates nothing per packet on the completion thread.
/// The peers are plain UDP sockets on loopback; the relay's time is a FakeTimeProvider that never advances.
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class RtpRelayArrivalTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<IDisposable> _owned = [];

    private sealed class Ignore : IRtpReceiver
    {
        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
        {
        }

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    private static byte[] Packet(ushort sequence, uint timestamp, byte fill)
    {
        var packet = new byte[12 + 160];
        RtpPacket.Write(packet, new RtpHeader(false, 0, sequence, timestamp, 0x1234), new byte[160].Select(_ => fill).ToArray());
        return packet;
    }

    private (RtpSession A, RtpSession B, Socket Phone, Socket Trunk, RtpRelay Relay) Bridge()
    {
        var basePort = 31000 + (Environment.ProcessId % 500 * 40);
        var factory = new RtpSessionFactory(new RtpPortRange(basePort, basePort + 39), IPAddress.Loopback, _time, NullLogger<RtpSessionFactory>.Instance);
        _owned.Add(factory);
        var a = factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(30), new Ignore())!;
        var b = factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(30), new Ignore())!;
        var phone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var trunk = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        trunk.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        phone.Connect(new IPEndPoint(IPAddress.Loopback, a.LocalPort));
        trunk.Connect(new IPEndPoint(IPAddress.Loopback, b.LocalPort));
        phone.ReceiveTimeout = 5000;
        trunk.ReceiveTimeout = 5000;
        _owned.AddRange([a, b, phone, trunk]);
        var relay = new RtpRelay(new RelayLeg(a, AudioCodec.Pcmu, 0, 101), new RelayLeg(b, AudioCodec.Pcmu, 0, 101));

        // The one tick that hands both legs over to arrival mode; none follows.
        a.Tick();
        b.Tick();
        Assert.True(a.ReceivesOnArrival && b.ReceivesOnArrival);

        // The trunk speaks first (two packets: RFC 3550 A.1 probation) so that leg B latches onto it.
        trunk.Send(Packet(1, 160, 0x55));
        trunk.Send(Packet(2, 320, 0x55));
        Assert.True(SpinWait.SpinUntil(() => b.Counters.PacketsReceived == 2, TimeSpan.FromSeconds(5)), "leg B did not take the trunk's packets without a tick");
        return (a, b, phone, trunk, relay);
    }

    [Fact]
    public void Relayed_packet_crosses_without_a_media_clock_tick()
    {
        var (_, _, phone, trunk, _) = Bridge();

        phone.Send(Packet(10, 1600, 0x11));
        phone.Send(Packet(11, 1760, 0x22));
        phone.Send(Packet(12, 1920, 0x33));

        // The first was held back by leg A's probation; the next two come out in order, payload untouched.
        var buffer = new byte[1500];
        foreach (var fill in new byte[] { 0x22, 0x33 })
        {
            var n = trunk.Receive(buffer);
            Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, n), out _, out var offset, out var length));
            Assert.Equal(160, length);
            Assert.All(buffer.AsSpan(offset, length).ToArray(), x => Assert.Equal(fill, x));
        }
    }

    [Fact]
    public void A_third_party_sending_to_a_latched_leg_is_dropped_not_relayed()
    {
        var (a, _, phone, trunk, _) = Bridge();
        phone.Send(Packet(10, 1600, 0x11));
        phone.Send(Packet(11, 1760, 0x22));
        var buffer = new byte[1500];
        var n = trunk.Receive(buffer);
        Assert.Equal(0x22, buffer[n - 1]);

        // Someone who learnt the port injects audio while the phone streams (this relay's time never advances,
        // so the latched phone is never silent long enough to give the stream up).
        using var intruder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        intruder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        for (ushort sequence = 12; sequence < 15; sequence++)
        {
            intruder.SendTo(Packet(sequence, sequence * 160u, 0x66), new IPEndPoint(IPAddress.Loopback, a.LocalPort));
        }

        Assert.True(SpinWait.SpinUntil(() => a.Counters.FromOtherSources == 3, TimeSpan.FromSeconds(5)), $"{a.Counters.FromOtherSources} dropped");
        phone.Send(Packet(12, 1920, 0x33));
        n = trunk.Receive(buffer);
        Assert.Equal(0x33, buffer[n - 1]);
        Assert.Equal(((IPEndPoint)phone.LocalEndPoint!).Port, a.RemoteEndPoint.Port);
        Assert.Equal(3, a.Counters.PacketsReceived);
        Assert.Equal(0, trunk.Available);
    }

    /// <summary>Counts what the relay allocates on the completion thread, around each packet it forwards.</summary>
    private sealed class Metered(RtpRelay relay) : IRtpReceiver
    {
        private long _allocated;
        private long _packets;

        public long Allocated => Interlocked.Read(ref _allocated);

        public long Packets => Interlocked.Read(ref _packets);

        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            relay.OnRtp(session, header, payload);
            Interlocked.Add(ref _allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            Interlocked.Increment(ref _packets);
        }

        public void OnMediaTimeout(RtpSession session) => relay.OnMediaTimeout(session);
    }

    [Fact]
    public void Forwarding_on_arrival_allocates_nothing_per_packet()
    {
        var (a, _, phone, trunk, relay) = Bridge();
        var meter = new Metered(relay);
        a.Receiver = meter;
        var packet = Packet(100, 16000, 0x44);
        var buffer = new byte[1500];
        ushort sequence = 100;

        // The first packet of the phone's stream is held back by probation and relays nothing.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 99);
        phone.Send(packet);
        for (var i = 0; i < 5000; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence++);
            phone.Send(packet);
            trunk.Receive(buffer);
        }

        // Measured on the completion thread around the forwarding (parse, latch and statistics are the same
        // code as the tick path, measured in RtpSessionLoopbackTests). The runtime's own dispatch of socket
        // completions to the thread pool is not ours to count: it allocates nothing with inline completions
        // (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1, see docs/performance.md) and some bytes per packet
        // without them when the machine is starved of CPU.
        Assert.True(SpinWait.SpinUntil(() => meter.Packets == 5000, TimeSpan.FromSeconds(5)), $"{meter.Packets} packets metered");
        Assert.Equal(0, meter.Allocated);
        Assert.Equal(5001, a.Counters.PacketsReceived);
    }

    [Fact]
    public void Closing_sessions_that_receive_on_arrival_throws_no_exception()
    {
        // Each relayed call closes two such sessions: an exception per pending receive was measurable CPU.
        var sessions = new List<RtpSession>();
        for (var i = 0; i < 5; i++)
        {
            var (a, b, _, _, _) = Bridge();
            sessions.AddRange([a, b]);
        }

        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) => Interlocked.Increment(ref thrown);
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }

            // The aborted receives complete on the runtime's socket thread after the close.
            Thread.Sleep(300);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.Equal(0, thrown);
    }

    private sealed class Throwing : IRtpReceiver
    {
        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload) => throw new InvalidOperationException("receiver bug");

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    [Fact]
    public void A_receiver_that_throws_does_not_stop_the_session_receiving()
    {
        var (a, _, phone, _, _) = Bridge();
        a.Receiver = new Throwing();

        for (ushort sequence = 1; sequence <= 4; sequence++)
        {
            phone.Send(Packet(sequence, sequence * 160u, 0x11));
            Assert.True(SpinWait.SpinUntil(() => a.Counters.PacketsReceived == sequence, TimeSpan.FromSeconds(5)), $"packet {sequence} not received");
        }
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
