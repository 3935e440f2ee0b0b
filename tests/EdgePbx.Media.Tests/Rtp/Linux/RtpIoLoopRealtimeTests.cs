using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Rtp.Linux;
using EdgePbx.Media.Sdp;
using Microsoft.Extensions.Logging.Abstractions;
using EdgePbx.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Media.Tests.Rtp.Linux;

/// <summary>
/// RTP I/O loops asked to run SCHED_FIFO: the kernel's view of the thread (/proc/self/task/TID/stat: policy and
/// real-time priority) says whether it got it. As root, or with RLIMIT_RTPRIO, it must; otherwise the loop must
/// report EPERM and run as an ordinary thread. Either way it relays.
/// </summary>
public sealed class RtpIoLoopRealtimeTests
{
    private const int EPerm = 1;

    private static List<(int Policy, int Priority)> ThreadsNamed(string name) => ThreadScheduling.ThreadsNamed("self", name);

    /// <summary>CAP_SYS_NICE or an RLIMIT_RTPRIO of at least the priority.</summary>
    private static bool MayUseRealtime(int priority) => ThreadScheduling.HasSysNice() || RtprioLimit() >= priority;

    private static long RtprioLimit()
    {
        var line = File.ReadLines("/proc/self/limits").First(l => l.StartsWith("Max realtime priority", StringComparison.Ordinal));
        var soft = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
        return soft == "unlimited" ? long.MaxValue : long.Parse(soft, CultureInfo.InvariantCulture);
    }

    [Fact]
    public void A_loop_asked_for_real_time_runs_sched_fifo_at_that_priority_or_says_why_not()
    {
        using var loop = new RtpIoLoop("rtp-rt-probe", realtimePriority: 7);

        var thread = Assert.Single(ThreadsNamed("rtp-rt-probe"));
        if (MayUseRealtime(7))
        {
            Assert.Equal(0, loop.RealtimeError);
            Assert.Equal((1, 7), thread); // SCHED_FIFO
        }
        else
        {
            Assert.Equal(EPerm, loop.RealtimeError);
            Assert.Equal((0, 0), thread); // SCHED_OTHER
        }
    }

    [Fact]
    public void A_loop_not_asked_stays_an_ordinary_thread()
    {
        using var loop = new RtpIoLoop("rtp-plain-probe");

        Assert.Null(loop.RealtimeError);
        Assert.Equal((0, 0), Assert.Single(ThreadsNamed("rtp-plain-probe")));
    }

    [Fact]
    public void Real_time_loops_relay_a_call()
    {
        var time = new FakeTimeProvider();
        using var loops = new RtpIoLoops(1, realtimePriority: 5);
        var basePort = 54000 + (Environment.ProcessId % 200 * 20);
        using var factory = new RtpSessionFactory(new RtpPortRange(basePort, basePort + 19), IPAddress.Loopback, time, NullLogger<RtpSessionFactory>.Instance, loops);
        using var a = factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(30), new Ignore())!;
        using var b = factory.Open(new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(30), new Ignore())!;
        using var phone = Peer(a.LocalPort);
        using var trunk = Peer(b.LocalPort);
        _ = new RtpRelay(new RelayLeg(a, AudioCodec.Pcmu, 0, 101), new RelayLeg(b, AudioCodec.Pcmu, 0, 101));
        a.Tick();
        b.Tick();

        trunk.Send(Packet(1, 0x11));
        trunk.Send(Packet(2, 0x11));
        Assert.True(SpinWait.SpinUntil(() => b.Counters.PacketsReceived == 2, TimeSpan.FromSeconds(5)), "leg B did not latch");
        phone.Send(Packet(1, 0x22));
        phone.Send(Packet(2, 0x33));

        var buffer = new byte[1500];
        var n = trunk.Receive(buffer);
        Assert.Equal(172, n);
        Assert.Equal(0x33, buffer[n - 1]);
        Assert.Equal(MayUseRealtime(5) ? 0 : EPerm, loops.RealtimeError);
    }

    private static Socket Peer(int port)
    {
        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        peer.Connect(new IPEndPoint(IPAddress.Loopback, port));
        peer.ReceiveTimeout = 5000;
        return peer;
    }

    private static byte[] Packet(ushort sequence, byte fill)
    {
        var packet = new byte[12 + 160];
        RtpPacket.Write(packet, new RtpHeader(false, 0, sequence, sequence * 160u, 0x1234), Enumerable.Repeat(fill, 160).ToArray());
        return packet;
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
}
