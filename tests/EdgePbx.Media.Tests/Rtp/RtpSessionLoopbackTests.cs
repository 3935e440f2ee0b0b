using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Codecs;
using EdgePbx.Media.Dtmf;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Media.Tests.Rtp;

/// <summary>Sessions on real UDP sockets on loopback; time from a FakeTimeProvider.</summary>
public sealed class RtpSessionLoopbackTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<IDisposable> _owned = [];

    public RtpSessionLoopbackTests()
    {
        // Relay legs complete receives on pool threads; other tests of this run block pool threads on sipp and
        // sox for seconds, and a starved pool would hold a relayed packet back past Deliver's patience.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
    }

    private sealed class Collector : IRtpReceiver
    {
        public List<(RtpHeader Header, byte[] Payload)> Packets { get; } = [];

        public int Timeouts { get; private set; }

        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload) => Packets.Add((header, payload.ToArray()));

        public void OnMediaTimeout(RtpSession session) => Timeouts++;
    }

    private RtpSessionFactory Factory(int first, int last)
    {
        var factory = new RtpSessionFactory(new RtpPortRange(first, last), IPAddress.Loopback, _time, NullLogger<RtpSessionFactory>.Instance);
        _owned.Add(factory);
        return factory;
    }

    private RtpSession Open(RtpSessionFactory factory, IPEndPoint remote, IRtpReceiver receiver, int timeoutSeconds = 30)
    {
        var session = factory.Open(remote, TimeSpan.FromSeconds(timeoutSeconds), receiver)!;
        Assert.NotNull(session);
        _owned.Add(session);
        return session;
    }

    /// <summary>
    /// Waits for the kernel to deliver datagrams (real I/O, not behaviour), ticking the session until it has
    /// taken <paramref name="packets"/> more. On Linux FIONREAD reports one datagram at a time, hence the loop.
    /// A session receiving on arrival (relay legs after their first tick) takes them itself.
    /// </summary>
    private static void Deliver(RtpSession session, int packets)
    {
        var target = session.Counters.PacketsReceived + packets;
        while (session.Counters.PacketsReceived < target)
        {
            Assert.True(
                SpinWait.SpinUntil(() => session.PendingBytes > 0 || session.Counters.PacketsReceived >= target, TimeSpan.FromSeconds(5)),
                "datagram did not arrive on loopback");
            session.Tick();
        }
    }

    private static int FreePortBase()
    {
        // A range unlikely to be shared with other test runs; each test takes its own slice.
        return 30000 + (Environment.ProcessId % 500 * 40);
    }

    [Fact]
    public void Two_sessions_exchange_frames_with_increasing_sequence_and_timestamp()
    {
        var basePort = FreePortBase();
        var factory = Factory(basePort, basePort + 9);
        var bReceived = new Collector();
        var aReceived = new Collector();
        var a = Open(factory, new IPEndPoint(IPAddress.Loopback, 1), aReceived);
        var b = Open(factory, new IPEndPoint(IPAddress.Loopback, a.LocalPort), bReceived);
        Assert.Equal(0, a.LocalPort % 2);
        Assert.NotEqual(a.LocalPort, b.LocalPort);

        // b knows a's address from SDP and speaks first; a latches onto b (its SDP address was wrong).
        var frame = new byte[160];
        for (var i = 0; i < 5; i++)
        {
            frame.AsSpan().Fill((byte)i);
            b.SendFrame(frame);
        }

        Deliver(a, 5);
        Assert.Equal(4, aReceived.Packets.Count); // RFC 3550 A.1: the first packet is probation.
        Assert.Equal(b.LocalPort, a.RemoteEndPoint.Port);
        var seqs = aReceived.Packets.Select(p => p.Header.SequenceNumber).ToArray();
        Assert.Equal(Enumerable.Range(0, 4).Select(i => (ushort)(seqs[0] + i)), seqs);
        Assert.Equal(160u, aReceived.Packets[1].Header.Timestamp - aReceived.Packets[0].Header.Timestamp);
        Assert.Equal(Enumerable.Repeat((byte)4, 160), aReceived.Packets[^1].Payload);
        var block = a.TakeReportBlock();
        Assert.Equal(b.Ssrc, block.Ssrc);
        Assert.Equal(0, block.CumulativeLost);
        Assert.Equal(0, block.FractionLost);
        Assert.Equal(seqs[^1], (ushort)block.ExtendedHighestSequence);

        // Symmetric RTP: a's replies now reach b.
        for (var i = 0; i < 3; i++)
        {
            a.SendFrame(frame);
        }

        Deliver(b, 3);
        Assert.Equal(2, bReceived.Packets.Count);
        Assert.Equal(a.Ssrc, bReceived.Packets[0].Header.Ssrc);
        Assert.Equal(5, b.Counters.PacketsSent);
        Assert.Equal(3, b.Counters.PacketsReceived);
    }

    [Fact]
    public void Media_timeout_is_raised_once_after_silence_driven_by_the_media_clock()
    {
        var basePort = FreePortBase() + 10;
        var factory = Factory(basePort, basePort + 9);
        var collector = new Collector();
        var session = Open(factory, new IPEndPoint(IPAddress.Loopback, 9), collector, timeoutSeconds: 5);
        using var clock = new MediaClock(_time);
        using var subscription = clock.Subscribe(session.Tick);

        _time.Advance(TimeSpan.FromSeconds(4.98));
        Assert.Equal(0, collector.Timeouts);
        _time.Advance(TimeSpan.FromMilliseconds(40));
        Assert.Equal(1, collector.Timeouts);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, collector.Timeouts);
        Assert.True(clock.Ticks >= 750);
    }

    [Fact]
    public void Ports_already_taken_are_skipped_and_a_full_range_gives_null()
    {
        var basePort = FreePortBase() + 20;
        using var blocker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        blocker.Bind(new IPEndPoint(IPAddress.Loopback, basePort));
        var factory = Factory(basePort, basePort + 3);

        var session = Open(factory, new IPEndPoint(IPAddress.Loopback, 9), new Collector());

        Assert.Equal(basePort + 2, session.LocalPort);
        Assert.Null(factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(1), new Collector()));
    }

    [Fact]
    public void A_port_freed_by_an_ended_call_is_not_tried_again_before_the_rest_of_the_range()
    {
        // Calls come and go: the search goes on after the last port handed out, so the ports in use below
        // it are not tried (and failed) one by one for every new session.
        var basePort = FreePortBase() + 30;
        var factory = Factory(basePort, basePort + 5);
        var remote = new IPEndPoint(IPAddress.Loopback, 9);

        var first = Open(factory, remote, new Collector());
        var second = Open(factory, remote, new Collector());
        first.Dispose();
        var third = Open(factory, remote, new Collector());
        var fourth = Open(factory, remote, new Collector());

        Assert.Equal([basePort, basePort + 2, basePort + 4, basePort], [first.LocalPort, second.LocalPort, third.LocalPort, fourth.LocalPort]);
        Assert.Null(factory.Open(remote, TimeSpan.FromSeconds(1), new Collector()));
    }

    [Fact]
    public void Restarting_the_media_timeout_gives_a_silent_peer_the_whole_timeout_again()
    {
        var basePort = FreePortBase() + 16;
        var factory = Factory(basePort, basePort + 3);
        var collector = new Collector();
        var session = Open(factory, new IPEndPoint(IPAddress.Loopback, 9), collector, timeoutSeconds: 5);
        using var clock = new MediaClock(_time);
        using var subscription = clock.Subscribe(session.Tick);

        // A hold: 4 s of silence, then the resume restarts the timeout.
        _time.Advance(TimeSpan.FromSeconds(4));
        session.RestartMediaTimeout();
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, collector.Timeouts);
        _time.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Equal(1, collector.Timeouts);

        // A timeout already raised (during a hold the engine ignores it) is armed again by the restart.
        session.RestartMediaTimeout();
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(1, collector.Timeouts);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(2, collector.Timeouts);
    }

    [Fact]
    public void A_paused_relay_forwards_nothing_and_forwards_again_once_resumed()
    {
        var basePort = FreePortBase() + 34;
        var factory = Factory(basePort, basePort + 5);
        var legA = Open(factory, new IPEndPoint(IPAddress.Loopback, 9), new Collector());
        var legB = Open(factory, new IPEndPoint(IPAddress.Loopback, 9), new Collector());
        var phoneSession = Open(factory, new IPEndPoint(IPAddress.Loopback, legA.LocalPort), new Collector());
        var relay = new RtpRelay(new RelayLeg(legA, AudioCodec.Pcmu, 0, null), new RelayLeg(legB, AudioCodec.Pcmu, 0, null)) { Paused = true };
        phoneSession.PayloadType = 0;

        for (var i = 0; i < 3; i++)
        {
            phoneSession.SendFrame(new byte[160]);
        }

        Deliver(legA, 3);
        Assert.Equal(0, legB.Counters.PacketsSent);

        relay.Paused = false;
        Assert.True(legA.ReceivesOnArrival);
        phoneSession.SendFrame(new byte[160]);
        phoneSession.SendFrame(new byte[160]);
        Assert.True(SpinWait.SpinUntil(() => legB.Counters.PacketsSent == 2, TimeSpan.FromSeconds(5)), $"relayed {legB.Counters.PacketsSent} of 2 after the resume");
    }

    [Fact]
    public void Relay_transcodes_pcmu_leg_to_pcma_leg_and_carries_telephone_events()
    {
        var basePort = FreePortBase() + 30;
        var factory = Factory(basePort, basePort + 9);
        var phone = new Collector();
        var trunk = new Collector();

        // Two relay legs plus a "phone" and a "trunk" peer session talking to them.
        var legA = Open(factory, new IPEndPoint(IPAddress.Loopback, 9), new Collector());
        var legB = Open(factory, new IPEndPoint(IPAddress.Loopback, 9), new Collector());
        var phoneSession = Open(factory, new IPEndPoint(IPAddress.Loopback, legA.LocalPort), phone);
        var trunkSession = Open(factory, new IPEndPoint(IPAddress.Loopback, legB.LocalPort), trunk);
        _ = new RtpRelay(new RelayLeg(legA, AudioCodec.Pcmu, 0, 101), new RelayLeg(legB, AudioCodec.Pcma, 8, 96));

        // The trunk speaks first so leg B latches onto it.
        trunkSession.PayloadType = 8;
        trunkSession.SendFrame(new byte[160]);
        trunkSession.SendFrame(new byte[160]);
        Deliver(legB, 2);

        var pcm = Enumerable.Range(0, 160).Select(i => (short)(8000 * Math.Sin(i * 0.3))).ToArray();
        var mu = new byte[160];
        G711.Encode(AudioCodec.Pcmu, pcm, mu);
        phoneSession.PayloadType = 0;
        phoneSession.SendFrame(mu);
        phoneSession.SendFrame(mu);
        var eventPayload = new byte[4];
        new TelephoneEvent(5, false, 10, 160).Write(eventPayload);
        phoneSession.SendEvent(101, true, phoneSession.NextTimestamp, eventPayload);
        Deliver(legA, 3);

        Deliver(trunkSession, 2);
        var expected = new byte[160];
        G711.Transcode(AudioCodec.Pcmu, AudioCodec.Pcma, mu, expected);

        // The relay forwarded 1 audio packet (the other was probation) and the event: the trunk's own A.1
        // probation holds the first of those back, so the event is what arrives, as PT 96.
        Assert.Equal(2, legB.Counters.PacketsSent);
        var (header, payload) = Assert.Single(trunk.Packets);
        Assert.Equal(96, header.PayloadType);
        Assert.True(TelephoneEvent.TryParse(payload, out var ev));
        Assert.Equal('5', ev.Digit);

        // Audio content check on a second frame after probation. Leg A now receives on arrival (the relay
        // switched it over at its first tick), so the frame crosses without ticking it.
        Assert.True(legA.ReceivesOnArrival);
        phoneSession.SendFrame(mu);
        Deliver(trunkSession, 1);
        Assert.Equal(8, trunk.Packets[^1].Header.PayloadType);
        Assert.Equal(expected, trunk.Packets[^1].Payload);
    }

    [Fact]
    public void Steady_state_send_and_receive_allocate_nothing_per_packet()
    {
        var basePort = FreePortBase() + 20 + 4;
        var factory = Factory(basePort, basePort + 5);
        var sink = new CountingReceiver();
        var a = Open(factory, new IPEndPoint(IPAddress.Loopback, 9), sink);
        var b = Open(factory, new IPEndPoint(IPAddress.Loopback, a.LocalPort), sink);
        var frame = new byte[160];
        for (var i = 0; i < 10; i++)
        {
            b.SendFrame(frame);
        }

        Deliver(a, 10);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 50; round++)
        {
            b.SendFrame(frame);
            while (a.PendingBytes == 0)
            {
                Thread.SpinWait(10);
            }

            a.Tick();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(59, sink.Count);
    }

    private sealed class CountingReceiver : IRtpReceiver
    {
        public int Count { get; private set; }

        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload) => Count++;

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
}
