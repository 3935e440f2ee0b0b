using System.Net;
using EdgePbx.Media.Rtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Media.Tests.Rtp;

/// <summary>Re-pointing a session at the address an SDP answer gave (real UDP sockets on loopback).</summary>
public sealed class RtpSessionRemoteTests
{
    private sealed class Collector : IRtpReceiver
    {
        public int Packets { get; private set; }

        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload) => Packets++;

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }

    [Fact]
    public void Frames_go_to_the_remote_set_after_opening()
    {
        var time = new FakeTimeProvider();
        var basePort = 26000 + (Environment.ProcessId % 500 * 8);
        using var factory = new RtpSessionFactory(new RtpPortRange(basePort, basePort + 7), IPAddress.Loopback, time, NullLogger<RtpSessionFactory>.Instance);
        var aReceived = new Collector();
        var bReceived = new Collector();

        // An offer is made before the peer is known: a starts pointed at nowhere useful.
        using var a = factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(30), aReceived)!;
        using var b = factory.Open(new IPEndPoint(IPAddress.Loopback, a.LocalPort), TimeSpan.FromSeconds(30), bReceived)!;
        Assert.Equal(9, a.RemoteEndPoint.Port);

        a.SetRemoteEndPoint(new IPEndPoint(IPAddress.Loopback, b.LocalPort));
        Assert.Equal(b.LocalPort, a.RemoteEndPoint.Port);
        var frame = new byte[160];
        for (var i = 0; i < 3; i++)
        {
            a.SendFrame(frame);
        }

        var target = 3;
        while (b.Counters.PacketsReceived < target)
        {
            Assert.True(SpinWait.SpinUntil(() => b.PendingBytes > 0, TimeSpan.FromSeconds(5)), "datagram did not arrive on loopback");
            b.Tick();
        }

        Assert.Equal(3, a.Counters.PacketsSent);
        Assert.Equal(2, bReceived.Packets); // RFC 3550 A.1 probation takes the first packet.
    }
}
