using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp;
using EdgePbx.TestSupport;
using EdgePbx.Media.Rtp.Linux;
using EdgePbx.Media.Sdp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Media.Tests.Rtp.Linux.Kernel;

/// <summary>
/// An <see cref="RtpRelay"/> whose factory relays in the kernel, between two plain UDP peers on loopback: the
/// call's pass-through audio moves to the kernel once both legs have latched, and what each peer receives is
/// one unbroken stream (the other leg's SSRC, consecutive sequence numbers, timestamps in steps of a frame)
/// whichever path a packet took; counters and RFC 3550 statistics include the kernel's packets; pausing, events
/// and the end of a leg behave as in user space. Without CAP_BPF and CAP_NET_ADMIN the factory has no kernel
/// relay and the same calls relay in user space.
/// </summary>
public sealed class KernelRelayTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<IDisposable> _owned = [];
    private ushort _phoneSequence = 100;
    private uint _phoneTimestamp = 16_000;
    private ushort _trunkSequence = 7000;
    private uint _trunkTimestamp = 480_000;

    private sealed class Ignore : IRtpReceiver
    {
        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
        {
        }

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    // Hears a leg's packets before the relay does (as the engine's CED listener does).
    private sealed class Listener(IRtpReceiver relay) : IRtpReceiver
    {
        public int Heard { get; private set; }

        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
        {
            Heard++;
            relay.OnRtp(session, header, payload);
        }

        public void OnMediaTimeout(RtpSession session) => relay.OnMediaTimeout(session);
    }

    private sealed record Call(RtpSessionFactory Factory, RtpSession A, RtpSession B, Socket Phone, Socket Trunk, RtpRelay Relay);

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    [Fact]
    public void A_pass_through_call_moves_to_the_kernel_and_each_side_hears_one_stream()
    {
        var call = Bridge();
        if (call.Factory.Forwarder is null)
        {
            Assert.False(KernelRelayCapability.Present());
            RelaysInUserSpace(call);
            return;
        }

        var toTrunk = new List<byte[]>();
        var toPhone = new List<byte[]>();
        for (var i = 0; i < 30; i++)
        {
            toTrunk.Add(PhoneSpeaks(call, skip: i == 20));
            toPhone.Add(TrunkSpeaks(call));
        }

        Fold(call.A);
        Fold(call.B);
        Assert.True(call.A.ForwardedIn is { Packets: >= 25 }, $"the kernel relayed {call.A.ForwardedIn?.Packets} of the phone's 30");
        Assert.True(call.B.ForwardedIn is { Packets: >= 25 }, $"the kernel relayed {call.B.ForwardedIn?.Packets} of the trunk's 30");
        AssertOneStream(toTrunk, call.B.Ssrc, gapAfter: 20);
        AssertOneStream(toPhone, call.A.Ssrc, gapAfter: -1);

        // Counted as if we had seen them: 2 + 30 from the phone (one sequence number skipped), 32 from the trunk.
        Assert.Equal(32, call.A.Counters.PacketsReceived);
        Assert.Equal(32 * 172, call.A.Counters.BytesReceived);
        Assert.Equal(31, call.B.Counters.PacketsSent); // the first was held by probation
        Assert.Equal(32, call.B.Counters.PacketsReceived);
        var report = call.A.TakeReportBlock();
        Assert.Equal(1, report.CumulativeLost);
        Assert.Equal((uint)(_phoneSequence - 1), report.ExtendedHighestSequence);
    }

    [Fact]
    public void Pausing_brings_the_call_back_and_numbering_goes_on_after_the_kernels_packets()
    {
        var call = Bridge();
        if (call.Factory.Forwarder is null)
        {
            return; // the first test checks that this is because we may not
        }

        byte[] last = [];
        for (var i = 0; i < 10; i++)
        {
            last = PhoneSpeaks(call);
            TrunkSpeaks(call);
        }

        Assert.True(call.A.ForwardedIn is not null, "not relayed in the kernel");
        call.Relay.Paused = true;
        Assert.Null(call.A.ForwardedIn);
        Assert.Null(call.B.ForwardedIn);
        Send(call.Phone, 0, _phoneSequence++, _phoneTimestamp += 160, 0x77);
        Assert.True(SpinWait.SpinUntil(() => call.A.Counters.PacketsReceived == 13, TimeSpan.FromSeconds(5)), "the held phone's packet did not come up");
        Assert.Equal(0, call.Trunk.Available);

        call.Relay.Paused = false;
        var next = PhoneSpeaks(call);
        Assert.Equal((ushort)(Sequence(last) + 1), Sequence(next));
        Assert.Equal(Timestamp(last) + 160, Timestamp(next));
        Assert.Equal(call.B.Ssrc, Ssrc(next));
    }

    [Fact]
    public void Events_and_strangers_go_up_events_relayed_in_the_kernels_numbering_strangers_dropped()
    {
        var call = Bridge(telephoneEvents: true);
        if (call.Factory.Forwarder is null)
        {
            return;
        }

        byte[] last = [];
        for (var i = 0; i < 10; i++)
        {
            last = PhoneSpeaks(call);
            TrunkSpeaks(call);
        }

        Assert.True(call.A.ForwardedIn is not null, "not relayed in the kernel");
        using var stranger = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        stranger.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        stranger.SendTo(Packet(0, 1, 1, 0x66), new IPEndPoint(IPAddress.Loopback, call.A.LocalPort));
        Assert.True(SpinWait.SpinUntil(() => call.A.Counters.FromOtherSources == 1, TimeSpan.FromSeconds(5)), "the stranger's packet did not come up");

        // RFC 4733: an event packet keeps the event's start timestamp (the last audio frame's here).
        Send(call.Phone, 101, _phoneSequence++, _phoneTimestamp, 0x05);
        var evt = Receive(call.Trunk);
        Assert.Equal(101, evt[1] & 0x7F);
        Assert.Equal((ushort)(Sequence(last) + 1), Sequence(evt));
        Assert.Equal(Timestamp(last), Timestamp(evt));
        Assert.Equal(call.B.Ssrc, Ssrc(evt));
        var after = PhoneSpeaks(call);
        Assert.Equal((ushort)(Sequence(last) + 2), Sequence(after));
        Assert.Equal(0, call.Trunk.Available); // the stranger's audio never reached the trunk
    }

    [Fact]
    public void A_leg_with_a_listener_stays_in_user_space_and_the_other_direction_still_moves()
    {
        var call = Bridge(listenToTrunk: true);
        if (call.Factory.Forwarder is null)
        {
            return;
        }

        var toTrunk = new List<byte[]>();
        for (var i = 0; i < 20; i++)
        {
            toTrunk.Add(PhoneSpeaks(call));
            TrunkSpeaks(call);
        }

        Fold(call.A);
        Assert.Null(call.B.ForwardedIn);
        Assert.Equal(21, ((Listener)call.B.Receiver).Heard); // every trunk packet, the probation one excepted
        Assert.True(call.A.ForwardedIn is { Packets: >= 15 }, $"the kernel relayed {call.A.ForwardedIn?.Packets} of the phone's 20");
        AssertOneStream(toTrunk, call.B.Ssrc, gapAfter: -1);
    }

    [Fact]
    public void A_peer_that_moves_after_a_silence_takes_the_stream_over_and_the_kernel_follows()
    {
        var call = Bridge();
        if (call.Factory.Forwarder is null)
        {
            return;
        }

        var toTrunk = new List<byte[]>();
        for (var i = 0; i < 10; i++)
        {
            toTrunk.Add(PhoneSpeaks(call));
            TrunkSpeaks(call);
        }

        Assert.True(call.A.ForwardedIn is not null, "not relayed in the kernel");
        var first = call.A.ForwardedIn;

        // The phone's NAT gives it a new port after a silence longer than RelatchAfterSilence (the tick before
        // the silence takes in what the kernel relayed until then).
        Fold(call.A);
        _time.Advance(TimeSpan.FromSeconds(2));
        Fold(call.A);
        using var moved = Peer(call.A.LocalPort);
        var call2 = call with { Phone = moved };
        for (var i = 0; i < 10; i++)
        {
            toTrunk.Add(PhoneSpeaks(call2));
            TrunkSpeaks(call2);
        }

        Assert.Equal(((IPEndPoint)moved.LocalEndPoint!).Port, call.A.RemoteEndPoint.Port);
        Fold(call.A);
        Assert.True(call.A.ForwardedIn is { Packets: > 0 } again && !ReferenceEquals(again, first), "the kernel did not take the moved phone's stream");
        AssertOneStream(toTrunk, call.B.Ssrc, gapAfter: -1);

        // The old address is a stranger now.
        Send(call.Phone, 0, _phoneSequence++, _phoneTimestamp += 160, 0x99);
        Assert.True(SpinWait.SpinUntil(() => call.A.Counters.FromOtherSources == 1, TimeSpan.FromSeconds(5)), "the old address's packet was not dropped");
        Assert.Equal(0, call.Trunk.Available);
    }

    [Fact]
    public void A_leg_that_ends_takes_its_port_out_of_the_kernel()
    {
        var call = Bridge();
        if (call.Factory.Forwarder is null)
        {
            return;
        }

        for (var i = 0; i < 10; i++)
        {
            PhoneSpeaks(call);
            TrunkSpeaks(call);
        }

        Fold(call.A);
        Assert.True(call.A.ForwardedIn is { Packets: > 0 }, "not relayed in the kernel");
        call.A.Dispose();
        Assert.Null(call.B.ForwardedIn);
        Send(call.Phone, 0, _phoneSequence++, _phoneTimestamp += 160, 0x11);
        Send(call.Trunk, 0, _trunkSequence++, _trunkTimestamp += 160, 0x22);

        // Both packets land on sockets (the ended leg's, resting in the pool; leg B's) and go no further.
        Assert.True(SpinWait.SpinUntil(() => call.B.Counters.PacketsReceived == 13, TimeSpan.FromSeconds(5)), "leg B's packet did not come up");
        Thread.Sleep(100);
        Assert.Equal(0, call.Trunk.Available);
        Assert.Equal(0, call.Phone.Available);
    }

    private Call Bridge(bool telephoneEvents = false, bool listenToTrunk = false)
    {
        var basePort = 33000 + (Environment.ProcessId % 400 * 20);
        var loops = new RtpIoLoops(1);
        var factory = new RtpSessionFactory(new RtpPortRange(basePort, basePort + 19), IPAddress.Loopback, _time, NullLogger<RtpSessionFactory>.Instance, loops, kernelForwarding: true);
        _owned.Add(loops);
        _owned.Add(factory);
        var a = factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(30), new Ignore())!;
        var b = factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(30), new Ignore())!;
        var phone = Peer(a.LocalPort);
        var trunk = Peer(b.LocalPort);
        _owned.AddRange([phone, trunk, a, b]);
        byte? te = telephoneEvents ? 101 : null;
        var relay = new RtpRelay(new RelayLeg(a, AudioCodec.Pcmu, 0, te), new RelayLeg(b, AudioCodec.Pcmu, 0, te));
        if (listenToTrunk)
        {
            b.Receiver = new Listener(relay);
        }

        Fold(a);
        Fold(b);

        // Two packets each (RFC 3550 A.1 probation) latch both legs; the second of each is relayed.
        var call = new Call(factory, a, b, phone, trunk, relay);
        Send(trunk, 0, _trunkSequence++, _trunkTimestamp += 160, 0x55);
        Send(phone, 0, _phoneSequence++, _phoneTimestamp += 160, 0x44);
        Assert.True(SpinWait.SpinUntil(() => a.Counters.PacketsReceived == 1 && b.Counters.PacketsReceived == 1, TimeSpan.FromSeconds(5)), "the first packets did not arrive");
        TrunkSpeaks(call);
        PhoneSpeaks(call);
        return call;
    }

    // The phone sends a frame (or skips a sequence number first) and the trunk receives it, by whichever path.
    private byte[] PhoneSpeaks(Call call, bool skip = false)
    {
        if (skip)
        {
            _phoneSequence++;
            _phoneTimestamp += 160;
        }

        Send(call.Phone, 0, _phoneSequence++, _phoneTimestamp += 160, 0x44);
        var packet = Receive(call.Trunk);
        Assert.All(packet[12..], x => Assert.Equal(0x44, x));
        return packet;
    }

    private byte[] TrunkSpeaks(Call call)
    {
        Send(call.Trunk, 0, _trunkSequence++, _trunkTimestamp += 160, 0x55);
        var packet = Receive(call.Phone);
        Assert.All(packet[12..], x => Assert.Equal(0x55, x));
        return packet;
    }

    private void RelaysInUserSpace(Call call)
    {
        var packets = Enumerable.Range(0, 5).Select(_ => PhoneSpeaks(call)).ToList();
        AssertOneStream(packets, call.B.Ssrc, gapAfter: -1);
        Assert.Null(call.A.ForwardedIn);
    }

    private static void AssertOneStream(List<byte[]> packets, uint ssrc, int gapAfter)
    {
        for (var i = 1; i < packets.Count; i++)
        {
            var step = i == gapAfter ? 2 : 1;
            Assert.Equal(ssrc, Ssrc(packets[i]));
            Assert.Equal((ushort)(Sequence(packets[i - 1]) + step), Sequence(packets[i]));
            Assert.Equal(Timestamp(packets[i - 1]) + (uint)(160 * step), Timestamp(packets[i]));
        }
    }

    // Enough media clock ticks for the session to take in what the kernel relayed.
    internal static void Fold(RtpSession session)
    {
        for (var i = 0; i < RtpSession.TicksPerFold; i++)
        {
            session.Tick();
        }
    }

    private static Socket Peer(int relayPort)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5000 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Connect(new IPEndPoint(IPAddress.Loopback, relayPort));
        return socket;
    }

    private static byte[] Packet(byte payloadType, ushort sequence, uint timestamp, byte fill)
    {
        var packet = new byte[172];
        RtpPacket.Write(packet, new RtpHeader(false, payloadType, sequence, timestamp, 0xC0FFEE), Enumerable.Repeat(fill, 160).ToArray());
        return packet;
    }

    private static void Send(Socket peer, byte payloadType, ushort sequence, uint timestamp, byte fill) => peer.Send(Packet(payloadType, sequence, timestamp, fill));

    private static byte[] Receive(Socket socket)
    {
        var buffer = new byte[2048];
        var n = socket.Receive(buffer);
        return buffer[..n];
    }

    private static ushort Sequence(byte[] packet) => BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2));

    private static uint Timestamp(byte[] packet) => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4));

    private static uint Ssrc(byte[] packet) => BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(8));
}
