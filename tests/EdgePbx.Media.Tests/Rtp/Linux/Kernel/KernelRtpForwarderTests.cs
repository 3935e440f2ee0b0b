using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp;
using EdgePbx.TestSupport;
using EdgePbx.Media.Rtp.Linux.Kernel;

namespace EdgePbx.Media.Tests.Rtp.Linux.Kernel;

/// <summary>
/// The kernel's RTP forwarding, on real sockets over loopback: with CAP_BPF and CAP_NET_ADMIN the program must
/// load, attach and rewrite a leg's packets into the other leg's stream (and leave everything else to the
/// sockets); without them Open must refuse with the reason.
/// </summary>
public sealed class KernelRtpForwarderTests
{
    private const int First = 47000;
    private const int Ports = 64;

    [Fact]
    public void Opens_with_the_capabilities_and_says_why_not_without()
    {
        using var forwarder = KernelRtpForwarder.Open(new RtpPortRange(First, First + Ports - 1), IPAddress.Loopback, out var error);

        if (KernelRelayCapability.Present())
        {
            Assert.True(forwarder is not null, error);
            Assert.Contains("lo", forwarder.Interfaces, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "CI runs as root, with CAP_BPF and CAP_NET_ADMIN");
            Assert.Null(forwarder);
            Assert.Contains("errno 1", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_legs_audio_from_its_peer_leaves_as_the_other_legs_stream()
    {
        if (!KernelRelayCapability.Present())
        {
            return; // covered by the test above: Open refuses
        }

        using var call = BridgedCall.Open(First + 2);
        var (forwarder, phoneA, legA, legB, phoneB) = call;

        // Until the other leg's peer has been heard, the kernel does not know where it is: up to the socket.
        phoneB.SendTo(Rtp(0, 40, 4000, 0x44444444, 0xCD), legB.LocalEndPoint!);
        Assert.Equal(phoneB.LocalEndPoint, Receive(legB).From);
        phoneA.SendTo(Rtp(0, 1000, 160_000, 0x11111111, 0xAB), legA.LocalEndPoint!);

        var (packet, from) = Receive(phoneB);
        Assert.Equal(legB.LocalEndPoint, from);
        Assert.Equal(172, packet.Length);
        Assert.Equal(0, packet[1] & 0x7F);
        Assert.Equal((ushort)(1000 + 5000), BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2)));
        Assert.Equal(160_000u + 70_000u, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(4)));
        Assert.Equal(0x22222222u, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(8)));
        Assert.All(packet[12..], b => Assert.Equal(0xAB, b));
        Assert.Equal(0, legA.Available);
        var counters = forwarder.Table.Read(First + 2);
        Assert.Equal(1, counters.Packets);
        Assert.Equal(172, counters.Bytes);
        Assert.Equal(1000u, counters.ExtendedHighestSequence);
        Assert.Equal(160_000u, counters.LastTimestamp);
        Assert.Equal(160u, counters.LastPayloadBytes);

        // And the other way, now that both peers have been heard.
        phoneB.SendTo(Rtp(0, 41, 4160, 0x44444444, 0xCD), legB.LocalEndPoint!);
        var (back, backFrom) = Receive(phoneA);
        Assert.Equal(legA.LocalEndPoint, backFrom);
        Assert.Equal(0x33333333u, BinaryPrimitives.ReadUInt32BigEndian(back.AsSpan(8)));
        Assert.Equal((ushort)(41 + 5000), BinaryPrimitives.ReadUInt16BigEndian(back.AsSpan(2)));
        Assert.Equal(0, legB.Available);
        Assert.Equal(1, forwarder.Table.Read(First + 4).Packets);
    }

    [Fact]
    public void Events_other_sources_and_removed_routes_go_up_to_the_socket()
    {
        if (!KernelRelayCapability.Present())
        {
            return;
        }

        using var call = BridgedCall.Open(First + 6, heard: true);
        var (forwarder, phoneA, legA, _, phoneB) = call;
        using var stranger = Bound(0);

        phoneA.SendTo(Rtp(101, 7, 8000, 0x11111111, 0x01), legA.LocalEndPoint!); // telephone-event
        Assert.Equal(101, Receive(legA).Packet[1] & 0x7F);
        stranger.SendTo(Rtp(0, 8, 8160, 0x33333333, 0x02), legA.LocalEndPoint!);
        Assert.Equal(stranger.LocalEndPoint, Receive(legA).From);
        forwarder.Table.Remove(First + 6);
        phoneA.SendTo(Rtp(0, 9, 8320, 0x11111111, 0x03), legA.LocalEndPoint!);
        Assert.Equal(phoneA.LocalEndPoint, Receive(legA).From);

        Assert.Equal(0, phoneB.Available);
        Assert.Equal(0, forwarder.Table.Read(First + 6).Packets);
    }

    [Fact]
    public void A_peer_that_is_a_leg_of_ours_is_not_relayed_in_the_kernel()
    {
        if (!KernelRelayCapability.Present())
        {
            return;
        }

        using var forwarder = KernelRtpForwarder.Open(new RtpPortRange(First, First + Ports - 1), IPAddress.Loopback, out var error);
        Assert.True(forwarder is not null, error);
        using var legA = Bound(First + 10);
        using var legB = Bound(First + 12);
        using var phone = Bound(0);

        // A hairpin: each leg latched onto the other (an SDP that pointed a leg back at the box).
        forwarder.Table.Install(Route(legA, legB, legB, phone, 0x22222222));
        forwarder.Table.Install(Route(legB, legA, legA, phone, 0x33333333));
        legA.SendTo(Rtp(0, 1, 160, 0x11111111, 0x01), legB.LocalEndPoint!);
        Assert.Equal(legA.LocalEndPoint, Receive(legB).From);
        legB.SendTo(Rtp(0, 2, 320, 0x11111111, 0x02), legA.LocalEndPoint!);
        Assert.Equal(legB.LocalEndPoint, Receive(legA).From);

        Assert.Equal(0, forwarder.Table.Read(First + 10).Packets + forwarder.Table.Read(First + 12).Packets);
        Assert.Equal(0, phone.Available);
    }

    [Fact]
    public void A_datagram_whose_lengths_disagree_is_not_relayed()
    {
        if (!KernelRelayCapability.Present())
        {
            return;
        }

        using var call = BridgedCall.Open(First + 14, heard: true);
        var (forwarder, phoneA, legA, _, phoneB) = call;

        // From phone A's address and port, by hand: a UDP length 28 bytes longer than the datagram.
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw);
        var datagram = Rtp(0, 2, 320, 0x11111111, 0x05);
        var ip = new byte[20 + 8 + datagram.Length];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
        ip[8] = 64;
        ip[9] = 17;
        IPAddress.Loopback.TryWriteBytes(ip.AsSpan(12), out _);
        IPAddress.Loopback.TryWriteBytes(ip.AsSpan(16), out _);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(20), (ushort)((IPEndPoint)phoneA.LocalEndPoint!).Port);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(22), First + 14);
        BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(24), (ushort)(8 + datagram.Length + 28));
        datagram.CopyTo(ip.AsSpan(28));
        raw.SendTo(ip, new IPEndPoint(IPAddress.Loopback, 0));

        // A well-formed one after it is relayed: the first was looked at and left to the stack (which drops it).
        phoneA.SendTo(Rtp(0, 3, 480, 0x11111111, 0x06), legA.LocalEndPoint!);
        Assert.Equal(0x06, Receive(phoneB).Packet[^1]);
        Assert.Equal(1, forwarder.Table.Read(First + 14).Packets);
    }

    /// <summary>
    /// A forwarder with a call's two directions installed: phone A - leg A (port <c>legPort</c>) | leg B (+2) - phone B.
    /// <paramref name="heard"/>: phone B has sent once, so the kernel knows where it is and relays A's packets.
    /// </summary>
    private sealed record BridgedCall(KernelRtpForwarder Forwarder, Socket PhoneA, Socket LegA, Socket LegB, Socket PhoneB) : IDisposable
    {
        public static BridgedCall Open(int legPort, bool heard = false)
        {
            var forwarder = KernelRtpForwarder.Open(new RtpPortRange(First, First + Ports - 1), IPAddress.Loopback, out var error);
            Assert.True(forwarder is not null, error);
            var call = new BridgedCall(forwarder, Bound(0), Bound(legPort), Bound(legPort + 2), Bound(0));
            forwarder.Table.Install(Route(call.LegA, call.PhoneA, call.LegB, call.PhoneB, 0x22222222));
            forwarder.Table.Install(Route(call.LegB, call.PhoneB, call.LegA, call.PhoneA, 0x33333333));
            if (heard)
            {
                call.PhoneB.SendTo(Rtp(0, 1, 160, 0x44444444, 0x00), call.LegB.LocalEndPoint!);
                Receive(call.LegB);
            }

            return call;
        }

        public void Dispose()
        {
            foreach (var socket in new[] { PhoneA, LegA, LegB, PhoneB })
            {
                socket.Dispose();
            }

            Forwarder.Dispose();
        }
    }

    // A leg's packets from its peer leave from the other leg to the other leg's peer, as the other leg's stream.
    private static ForwardRoute Route(Socket leg, Socket peer, Socket otherLeg, Socket otherPeer, uint ssrc) => new(
        (IPEndPoint)leg.LocalEndPoint!,
        (IPEndPoint)peer.LocalEndPoint!,
        (IPEndPoint)otherLeg.LocalEndPoint!,
        (IPEndPoint)otherPeer.LocalEndPoint!,
        PayloadType: 0,
        OutSsrc: ssrc,
        SequenceShift: 5000,
        TimestampShift: 70_000,
        ExtendedHighestSequence: 999,
        JitterScaled: 0);

    private static Socket Bound(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 2000 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static byte[] Rtp(byte payloadType, ushort sequence, uint timestamp, uint ssrc, byte fill)
    {
        var packet = new byte[172];
        packet[0] = 0x80;
        packet[1] = payloadType;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        packet.AsSpan(12).Fill(fill);
        return packet;
    }

    private static (byte[] Packet, EndPoint From) Receive(Socket socket)
    {
        var buffer = new byte[2048];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        var n = socket.ReceiveFrom(buffer, ref from);
        return (buffer[..n], from);
    }
}
