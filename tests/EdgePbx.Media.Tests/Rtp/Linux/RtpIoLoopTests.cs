using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Rtp.Linux;
using EdgePbx.Media.Sdp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Media.Tests.Rtp.Linux;

/// <summary>
/// The Linux RTP I/O loop (epoll + recvmmsg) under real sockets on loopback: relayed packets are received on
/// its thread, it allocates nothing per packet, and sessions can end on other threads while it reads their
/// sockets, under traffic, without the loop touching a closed (or reused) fd or stopping for anyone else.
/// Each test owns its loops; time is a FakeTimeProvider that never advances. (The loop is Linux only, as
/// are these tests' runs.)
/// </summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class RtpIoLoopTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly RtpIoLoops _loops = new(2);
    private readonly RtpSessionFactory _factory;
    private readonly List<IDisposable> _owned = [];

    public RtpIoLoopTests()
    {
        var basePort = 52000 + (Environment.ProcessId % 200 * 40);
        _factory = new RtpSessionFactory(new RtpPortRange(basePort, basePort + 39), IPAddress.Loopback, _time, NullLogger<RtpSessionFactory>.Instance, _loops);
    }

    private sealed class Ignore : IRtpReceiver
    {
        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
        {
        }

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    /// <summary>Counts packets per session and remembers the thread that delivered them.</summary>
    private sealed class Recorder : IRtpReceiver
    {
        private long _packets;

        public long Packets => Interlocked.Read(ref _packets);

        public string? ThreadName { get; private set; }

        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
        {
            ThreadName = Thread.CurrentThread.Name;
            Interlocked.Increment(ref _packets);
        }

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    private static byte[] Packet(ushort sequence, uint ssrc = 0x1234, byte fill = 0x55)
    {
        var packet = new byte[12 + 160];
        RtpPacket.Write(packet, new RtpHeader(false, 0, sequence, sequence * 160u, ssrc), new byte[160].Select(_ => fill).ToArray());
        return packet;
    }

    private static void SetSequence(byte[] packet, ushort sequence) => BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);

    private Socket Peer(int port)
    {
        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        peer.Connect(new IPEndPoint(IPAddress.Loopback, port));
        peer.ReceiveTimeout = 5000;
        _owned.Add(peer);
        return peer;
    }

    private RtpSession Open(IRtpReceiver receiver)
    {
        var session = _factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(30), receiver)!;
        Assert.NotNull(session);
        _owned.Add(session);
        return session;
    }

    /// <summary>A session in arrival mode on the test's loops (the hand-over happens in its next tick).</summary>
    private RtpSession OpenOnArrival(IRtpReceiver receiver)
    {
        var session = Open(receiver);
        session.ReceiveOnArrival();
        session.Tick();
        Assert.True(session.ReceivesOnArrival);
        return session;
    }

    private static void WaitFor(Func<bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(condition, TimeSpan.FromSeconds(5)), what);

    [Fact]
    public void Relayed_packets_are_received_on_the_io_loop_thread()
    {
        var recorder = new Recorder();
        var session = OpenOnArrival(recorder);
        var phone = Peer(session.LocalPort);

        phone.Send(Packet(1));
        phone.Send(Packet(2));

        WaitFor(() => recorder.Packets == 1, "the loop did not hand the packet up (the first is held back by probation)");
        Assert.StartsWith("rtp-io-", recorder.ThreadName);
        Assert.Equal(1, _loops.Count);
    }

    [Fact]
    public void Rtcp_looking_and_short_datagrams_are_counted_invalid_on_arrival()
    {
        var session = OpenOnArrival(new Ignore());
        var phone = Peer(session.LocalPort);

        phone.Send(new byte[] { 0x80, 200, 0, 6, 0, 0, 0, 1, 0, 0, 0, 0 }); // RTCP SR (RFC 5761 4: PT 200)
        phone.Send(new byte[] { 0x80, 0, 0 });
        phone.Send(Packet(1));

        WaitFor(() => session.Counters.PacketsReceived == 1 && session.Counters.Invalid == 2, $"invalid {session.Counters.Invalid}, received {session.Counters.PacketsReceived}");
    }

    [Fact]
    public void An_icmp_port_unreachable_does_not_stop_receiving()
    {
        var session = OpenOnArrival(new Ignore());

        // Sending to the parked remote (port 9, nobody there) brings an ICMP port unreachable back to the
        // session's socket, which recvmmsg reports as ECONNREFUSED.
        session.SendFrame(new byte[160]);
        session.SendFrame(new byte[160]);
        Thread.Sleep(50);
        var phone = Peer(session.LocalPort);
        phone.Send(Packet(1));

        WaitFor(() => session.Counters.PacketsReceived == 1, "the session stopped receiving after an ICMP error");
    }

    [Fact]
    public void The_first_source_is_latched_and_answered()
    {
        var a = OpenOnArrival(new Ignore());
        var phone = Peer(a.LocalPort);

        phone.Send(Packet(1));
        WaitFor(() => a.Counters.PacketsReceived == 1, "no packet");

        Assert.Equal(phone.LocalEndPoint, a.RemoteEndPoint);
        a.SendFrame(new byte[160]);
        var buffer = new byte[1500];
        Assert.Equal(172, phone.Receive(buffer));
    }

    [Fact]
    public void The_whole_loop_thread_allocates_nothing_per_relayed_packet()
    {
        var a = Open(new Ignore());
        var b = Open(new Ignore());
        var relay = new RtpRelay(new RelayLeg(a, AudioCodec.Pcmu, 0, 101), new RelayLeg(b, AudioCodec.Pcmu, 0, 101));
        var meter = new LoopThreadMeter(relay, warmup: 1000);
        a.Receiver = meter;
        a.Tick();
        b.Tick();
        var phone = Peer(a.LocalPort);
        var trunk = Peer(b.LocalPort);
        trunk.Send(Packet(1, 0x99));
        trunk.Send(Packet(2, 0x99));
        WaitFor(() => b.Counters.PacketsReceived == 2, "leg B did not latch onto the trunk");

        var packet = Packet(0);
        var buffer = new byte[1500];
        for (ushort sequence = 0; sequence < 5100; sequence++)
        {
            SetSequence(packet, sequence);
            phone.Send(packet);
            if (sequence > 0)
            {
                trunk.Receive(buffer);
            }
        }

        // Sampled on the loop thread at packet 1000 and at the last: everything in between (epoll_wait,
        // recvmmsg, parse, statistics, relay, send) counts, not just the forwarding.
        WaitFor(() => meter.Packets == 5099, $"{meter.Packets} packets metered");
        Assert.Equal(0, meter.AllocatedAfterWarmup);
    }

    [Fact]
    public async Task Disposing_sessions_while_the_loop_reads_them_never_stops_the_others()
    {
        var steadyRecorder = new Recorder();
        var steady = OpenOnArrival(steadyRecorder);
        var steadyPeer = Peer(steady.LocalPort);
        using var stop = new CancellationTokenSource();

        // Floods every new session's port from another thread, so that the loop is inside recvmmsg (or between
        // epoll_wait and it) on the session being disposed as often as possible.
        var ports = new int[1];
        var flood = Task.Run(() =>
        {
            using var flooder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var packet = Packet(7);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    flooder.SendTo(packet, new IPEndPoint(IPAddress.Loopback, Volatile.Read(ref ports[0])));
                }
                catch (SocketException)
                {
                    // ICMP unreachable from a port already closed.
                }
            }
        });

        var disposed = new List<(RtpSession Session, long Received)>();
        for (var i = 0; i < 300; i++)
        {
            var session = OpenOnArrival(new Ignore());
            Volatile.Write(ref ports[0], session.LocalPort);
            SpinWait.SpinUntil(() => session.Counters.PacketsReceived + session.Counters.Invalid > 0, TimeSpan.FromMilliseconds(100));
            // Times out (fails) if Dispose hung while the loop was reading the socket.
            await Task.Run(session.Dispose).WaitAsync(TimeSpan.FromSeconds(5));
            disposed.Add((session, session.Counters.PacketsReceived));
        }

        await stop.CancelAsync();
        await flood;

        // The steady call still gets every packet, and an ended session took nothing more after Dispose returned
        // than the one datagram the loop may have been handing up at that moment (read before the close).
        for (ushort sequence = 1; sequence <= 50; sequence++)
        {
            steadyPeer.Send(Packet(sequence));
        }

        WaitFor(() => steadyRecorder.Packets == 49, $"steady session got {steadyRecorder.Packets} of 49");
        Assert.All(disposed, d => Assert.InRange(d.Session.Counters.PacketsReceived, d.Received, d.Received + 1));

        // Ended sessions' sockets keep their place while they rest; those closed (the flood made them stray) left.
        Assert.Equal(1 + _factory.PooledSockets, _loops.Count);
    }

    [Fact]
    public async Task Calls_coming_and_going_under_traffic_lose_nothing_on_the_calls_that_stay()
    {
        // Two long calls relayed end to end while 200 short calls are opened, relayed and ended beside them on
        // four threads: the fds of ended calls are reused by new ones at once, under the loop's feet.
        var stayers = Enumerable.Range(0, 2).Select(_ => Call.Open(this)).ToArray();
        using var stop = new CancellationTokenSource();
        long relayed = 0;
        var traffic = Task.Run(() =>
        {
            ushort sequence = 10;
            while (!stop.IsCancellationRequested)
            {
                sequence++;
                foreach (var call in stayers)
                {
                    call.Phone.Send(Packet(sequence));
                    Assert.Equal(172, call.Trunk.Receive(new byte[1500]));
                }

                Interlocked.Increment(ref relayed);
            }

            return sequence - 10;
        });

        // Each churner makes at least 50 calls, and goes on until the long calls have relayed 200 packets each
        // beside them (on an idle machine the 200 calls can be over before the long calls' thread gets going).
        var churn = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 50 || Interlocked.Read(ref relayed) < 200; i++)
            {
                var call = Call.Open(this);
                for (ushort sequence = 11; sequence <= 15; sequence++)
                {
                    call.Phone.Send(Packet(sequence));
                    Assert.Equal(172, call.Trunk.Receive(new byte[1500]));
                }

                call.End();
            }
        })).ToArray();

        // Time out (fail) if a churning call or a long call stopped relaying.
        await Task.WhenAll(churn).WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        var sent = await traffic.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(sent > 100, $"only {sent} packets per long call");
        Assert.All(stayers, call => Assert.Equal(sent, call.A.Counters.PacketsReceived - 2));
        Assert.Equal(4 + _factory.PooledSockets, _loops.Count);
    }

    [Fact]
    public void A_rested_socket_serves_the_next_relayed_call_from_the_place_it_kept_in_the_loop()
    {
        var first = OpenOnArrival(new Ignore());
        var port = first.LocalPort;
        first.Dispose();
        Assert.Equal(1, _loops.Count);

        _time.Advance(RtpSocketPool.Rest);
        var recorder = new Recorder();
        var next = OpenOnArrival(recorder);
        Assert.Equal(port, next.LocalPort);
        Assert.Equal(1, _loops.Count);

        var phone = Peer(port);
        phone.Send(Packet(1));
        phone.Send(Packet(2));
        WaitFor(() => recorder.Packets == 1, "the next call's packets were not received on the loop");
        Assert.StartsWith("rtp-io-", recorder.ThreadName);
    }

    [Fact]
    public void Both_legs_of_a_relayed_call_are_read_by_one_loop()
    {
        var calls = Enumerable.Range(0, 4).Select(_ => Call.Open(this)).ToList();

        Assert.All(calls, call => Assert.Same(call.A.IoLoop, call.B.IoLoop));
        Assert.NotNull(calls[0].A.IoLoop);
        Assert.Equal(8, _loops.Count);
    }

    [Fact]
    public void Rested_sockets_of_two_loops_move_to_one_when_a_relay_joins_them()
    {
        // Two sessions received on arrival alone: the loops took one socket each, and they keep them while resting.
        var first = OpenOnArrival(new Ignore());
        var second = OpenOnArrival(new Ignore());
        Assert.NotSame(first.IoLoop, second.IoLoop);
        first.Dispose();
        second.Dispose();
        _time.Advance(RtpSocketPool.Rest);

        // The next call gets both rested sockets; its relay puts leg B where leg A is read.
        var call = Call.Open(this);
        Assert.Equal([first.LocalPort, second.LocalPort], new[] { call.A.LocalPort, call.B.LocalPort }.Order());
        Assert.Same(call.A.IoLoop, call.B.IoLoop);
        Assert.Equal(2, _loops.Count);

        // The moved socket is read at its new place only, both ways, in order.
        var buffer = new byte[1500];
        for (ushort sequence = 11; sequence < 31; sequence++)
        {
            call.Phone.Send(Packet(sequence, fill: (byte)sequence));
            Assert.Equal(172, call.Trunk.Receive(buffer));
            Assert.Equal((byte)sequence, buffer[171]);
            call.Trunk.Send(Packet(sequence, 0x77, (byte)(sequence + 100)));
            Assert.Equal(172, call.Phone.Receive(buffer));
            Assert.Equal((byte)(sequence + 100), buffer[171]);
        }

        Assert.Equal(22, call.A.Counters.PacketsReceived);
        Assert.Equal(22, call.B.Counters.PacketsReceived);
    }

    [Fact]
    public void A_session_draining_on_the_clock_reads_its_packets_itself_though_its_socket_is_still_in_the_loop()
    {
        var first = OpenOnArrival(new Ignore());
        first.Dispose();
        _time.Advance(RtpSocketPool.Rest);

        // Ringing: the next call's session drains on the media clock; the loop has the socket in its epoll set.
        var recorder = new Recorder();
        var next = Open(recorder);
        Assert.Equal(first.LocalPort, next.LocalPort);
        var phone = Peer(next.LocalPort);
        phone.Send(Packet(1));
        phone.Send(Packet(2));
        phone.Send(Packet(3));

        // The loop wakes for them and must leave them queued: give it the time to (wrongly) read them.
        Thread.Sleep(100);
        Assert.Equal(172, next.PendingBytes); // FIONREAD on UDP: the size of the first datagram queued
        next.Tick();
        Assert.Equal(3, next.Counters.PacketsReceived);
        Assert.Equal(Thread.CurrentThread.Name, recorder.ThreadName);

        // Answered: arrival mode puts the socket back in the loop's set, and the loop reads from there on.
        next.ReceiveOnArrival();
        next.Tick();
        phone.Send(Packet(4));
        WaitFor(() => recorder.Packets == 3, $"{recorder.Packets} packets handed up");
        Assert.StartsWith("rtp-io-", recorder.ThreadName);
    }

    [Fact]
    public void A_stream_reaching_a_resting_socket_is_not_read_and_the_socket_is_closed_not_handed_out()
    {
        // A peer that missed our BYE streams to the port while its socket rests, still in the loop's set.
        var ended = OpenOnArrival(new Ignore());
        var port = ended.LocalPort;
        var stray = Peer(port);
        ended.Dispose();
        for (ushort sequence = 1; sequence <= 5; sequence++)
        {
            stray.Send(Packet(sequence));
        }

        Thread.Sleep(100);
        Assert.Equal(0, ended.Counters.PacketsReceived);
        _time.Advance(RtpSocketPool.Rest);
        var next = Open(new Ignore());
        Assert.NotEqual(port, next.LocalPort);
        Assert.Equal(0, _factory.PooledSockets);
        Assert.Equal(0, _loops.Count);

        // Closed, so the port is free again for the range search.
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    /// <summary>One relayed call: phone ↔ leg A ↔ relay ↔ leg B ↔ trunk, latched both ways.</summary>
    private sealed record Call(RtpSession A, RtpSession B, Socket Phone, Socket Trunk)
    {
        private static readonly Lock OpenGate = new();

        public static Call Open(RtpIoLoopTests test)
        {
            RtpSession a, b;
            Socket phone, trunk;
            lock (OpenGate)
            {
                a = test.Open(new Ignore());
                b = test.Open(new Ignore());
                phone = test.Peer(a.LocalPort);
                trunk = test.Peer(b.LocalPort);
            }

            _ = new RtpRelay(new RelayLeg(a, AudioCodec.Pcmu, 0, 101), new RelayLeg(b, AudioCodec.Pcmu, 0, 101));
            a.Tick();
            b.Tick();

            // Both peers speak twice (RFC 3550 A.1 probation) so both legs latch; the first of each is not relayed.
            trunk.Send(Packet(1, 0x77));
            trunk.Send(Packet(2, 0x77));
            WaitFor(() => b.Counters.PacketsReceived == 2, "leg B did not latch");
            phone.Send(Packet(9));
            phone.Send(Packet(10));
            WaitFor(() => a.Counters.PacketsReceived == 2, "leg A did not latch");
            trunk.Receive(new byte[1500]);
            return new Call(a, b, phone, trunk);
        }

        public void End()
        {
            A.Dispose();
            B.Dispose();
            Phone.Dispose();
            Trunk.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _factory.Dispose();
        _loops.Dispose();
    }
}
