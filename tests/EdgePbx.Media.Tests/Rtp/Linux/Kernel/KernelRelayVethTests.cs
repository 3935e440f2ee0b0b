using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp;
using EdgePbx.TestSupport;
using EdgePbx.Media.Rtp.Linux;
using EdgePbx.Media.Sdp;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Media.Tests.Rtp.Linux.Kernel;

/// <summary>
/// The kernel relay between two network cards, not loopback: a phone and a trunk behind veth pairs of their own
/// (<see cref="VethNetwork"/>), the relay bound to any address. The relayed packets must leave by the other card
/// with the neighbour's MAC address, from the address that peer sends to, and with IP and UDP checksums that
/// are right: the peers compute full checksums (no offload), and a raw socket at the receiver checks them
/// (on loopback no checksum is ever computed, so only this test can catch a wrong one).
/// </summary>
[Collection(nameof(VethNetworks))]
public sealed class KernelRelayVethTests : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    [Fact]
    public void Packets_relayed_between_two_cards_carry_right_checksums_and_addresses()
    {
        if (!KernelRelayCapability.Present())
        {
            return; // KernelRtpForwarderTests checks the refusal
        }

        if (TestSupport.ExternalTool.RequireOrSkip("ip", "iproute2") is null || TestSupport.ExternalTool.RequireOrSkip("ethtool", "ethtool") is null)
        {
            return;
        }

        var network = VethNetwork.Create(out var error);
        Assert.True(network is not null, $"the test network could not be made: {error}");
        _owned.Add(network);

        var loops = new RtpIoLoops(1);
        var factory = new RtpSessionFactory(new RtpPortRange(34600, 34619), IPAddress.Any, TimeProvider.System, NullLogger<RtpSessionFactory>.Instance, loops, kernelForwarding: true);
        _owned.Add(loops);
        _owned.Add(factory);
        Assert.NotNull(factory.Forwarder);
        var a = factory.Open(new IPEndPoint(VethNetwork.PeerAddress(0), 9), TimeSpan.FromSeconds(30), new NullReceiver())!;
        var b = factory.Open(new IPEndPoint(VethNetwork.PeerAddress(1), 9), TimeSpan.FromSeconds(30), new NullReceiver())!;
        _owned.Add(a);
        _owned.Add(b);
        var phone = Peer(0, a.LocalPort);
        var trunk = Peer(1, b.LocalPort);
        var phoneTap = Tap(0);
        var trunkTap = Tap(1);
        _ = new RtpRelay(new RelayLeg(a, AudioCodec.Pcmu, 0, null), new RelayLeg(b, AudioCodec.Pcmu, 0, null));
        a.Tick();
        b.Tick();

        // The first packet of each is held by RFC 3550 A.1 probation (and latches the leg).
        phone.Send(Packet(0, 0x44));
        trunk.Send(Packet(0, 0x55));
        Assert.True(SpinWait.SpinUntil(() => a.Counters.PacketsReceived == 1 && b.Counters.PacketsReceived == 1, TimeSpan.FromSeconds(5)), "the first packets did not arrive");
        for (ushort i = 1; i <= 20; i++)
        {
            phone.Send(Packet(i, 0x44));
            AssertRelayed(trunk, trunkTap, VethNetwork.HostAddress(1), b.LocalPort, VethNetwork.PeerAddress(1), 0x44);
            trunk.Send(Packet(i, 0x55));
            AssertRelayed(phone, phoneTap, VethNetwork.HostAddress(0), a.LocalPort, VethNetwork.PeerAddress(0), 0x55);
        }

        KernelRelayTests.Fold(a);
        KernelRelayTests.Fold(b);
        Assert.True(a.ForwardedIn is { Packets: >= 10 }, $"the kernel relayed {a.ForwardedIn?.Packets} of the phone's 20");
        Assert.True(b.ForwardedIn is { Packets: >= 10 }, $"the kernel relayed {b.ForwardedIn?.Packets} of the trunk's 20");
    }

    private static void AssertRelayed(Socket peer, Socket tap, IPAddress from, int fromPort, IPAddress to, byte fill)
    {
        var buffer = new byte[2048];
        var n = peer.Receive(buffer);
        Assert.Equal(172, n);
        Assert.All(buffer[12..n], x => Assert.Equal(fill, x));

        // The raw socket sees the same datagram with its IP header: checksums as they travelled.
        byte[] ip;
        do
        {
            var m = tap.Receive(buffer);
            ip = buffer[..m];
        }
        while (BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(20)) != fromPort);

        Assert.Equal(from, new IPAddress(ip.AsSpan(12, 4)));
        Assert.Equal(to, new IPAddress(ip.AsSpan(16, 4)));
        Assert.Equal(0xFFFF, OnesComplementSum(ip.AsSpan(0, 20), 0)); // IP header checksum
        var udp = ip.AsSpan(20);
        Assert.NotEqual(0, BinaryPrimitives.ReadUInt16BigEndian(udp[6..]));
        var pseudo = new byte[12];
        ip.AsSpan(12, 8).CopyTo(pseudo);
        pseudo[9] = 17;
        BinaryPrimitives.WriteUInt16BigEndian(pseudo.AsSpan(10), (ushort)udp.Length);
        Assert.Equal(0xFFFF, OnesComplementSum(udp, OnesComplementSum(pseudo, 0))); // UDP checksum with the pseudo-header
    }

    private static int OnesComplementSum(ReadOnlySpan<byte> data, int seed)
    {
        long sum = seed;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (data.Length % 2 == 1)
        {
            sum += data[^1] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (int)sum;
    }

    private Socket Peer(int network, int relayPort)
    {
        var socket = VethNetwork.PeerSocket(network, SocketType.Dgram, ProtocolType.Udp);
        _owned.Add(socket);
        socket.ReceiveTimeout = 5000;
        socket.Bind(new IPEndPoint(VethNetwork.PeerAddress(network), 40000));
        socket.Connect(new IPEndPoint(VethNetwork.HostAddress(network), relayPort));
        return socket;
    }

    private Socket Tap(int network)
    {
        var socket = VethNetwork.PeerSocket(network, SocketType.Raw, ProtocolType.Udp);
        _owned.Add(socket);
        socket.ReceiveTimeout = 5000;
        return socket;
    }

    private static byte[] Packet(ushort sequence, byte fill)
    {
        var packet = new byte[172];
        RtpPacket.Write(packet, new RtpHeader(false, 0, (ushort)(sequence + 500), (uint)(sequence * 160), 0xFEED), Enumerable.Repeat(fill, 160).ToArray());
        return packet;
    }

    private sealed class NullReceiver : IRtpReceiver
    {
        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
        {
        }

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }
}

[CollectionDefinition(nameof(VethNetworks), DisableParallelization = true)]
public sealed class VethNetworks;
