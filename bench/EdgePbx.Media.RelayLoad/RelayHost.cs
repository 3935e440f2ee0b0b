using System.Globalization;
using System.Net;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using EdgePbx.Sip.Threading;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// The process under test: N calls, each two RtpSessions from RtpSessionFactory bridged by an RtpRelay
/// (PCMU both sides, telephone-event 101), every session ticked by one MediaClock on its own TimerThread, as
/// the call engine does.
/// Prints "ports P1 P2 ..." (leg A, leg B of call 0, then call 1, ...), then answers stdin lines:
/// "mark" (start of the measured window) and "report" (allocations and GCs since mark, relay counters).
/// </summary>
internal static class RelayHost
{
    public static int Run(LoadOptions options)
    {
        var calls = options.Calls[0];
        var time = TimeProvider.System;
        var factory = new RtpSessionFactory(
            new RtpPortRange(options.BasePort, options.BasePort + (calls * 4) + 2000), options.Address, time, NullLogger<RtpSessionFactory>.Instance);
        // The media clock on a thread of its own, as in the daemon (DaemonHost: the "Media clock" TimerThread).
        using var clockThread = new TimerThread("Media clock", NullLogger<TimerThread>.Instance);
        using var clock = new MediaClock(clockThread);
        var sessions = new List<RtpSession>(calls * 2);
        var subscriptions = new List<IDisposable>(calls);
        var parked = new IPEndPoint(IPAddress.Loopback, 9);
        for (var i = 0; i < calls; i++)
        {
            var receiver = new Parked();
            var a = factory.Open(parked, TimeSpan.FromSeconds(30), receiver);
            var b = factory.Open(parked, TimeSpan.FromSeconds(30), receiver);
            if (a is null || b is null)
            {
                Console.Error.WriteLine($"relay: out of ports after {i} calls");
                return 1;
            }

            sessions.Add(a);
            sessions.Add(b);
            _ = new RtpRelay(new RelayLeg(a, AudioCodec.Pcmu, 0, 101), new RelayLeg(b, AudioCodec.Pcmu, 0, 101));
            subscriptions.Add(clock.Subscribe(() =>
            {
                a.Tick();
                b.Tick();
            }));
        }

        if (EdgePbx.Media.Rtp.Linux.Kernel.KernelRtpForwarder.Requested)
        {
            Console.Error.WriteLine(factory.Forwarder is { } forwarder ? $"relay: kernel relay on {forwarder.Interfaces}" : "relay: kernel relay refused, relaying in user space");
        }

        Console.Out.WriteLine("ports " + string.Join(' ', sessions.Select(s => s.LocalPort.ToString(CultureInfo.InvariantCulture))));
        Console.Out.Flush();

        long allocatedAtMark = 0;
        var gcAtMark = 0;
        while (Console.In.ReadLine() is { } line)
        {
            if (line == "mark")
            {
                allocatedAtMark = GC.GetTotalAllocatedBytes(precise: true);
                gcAtMark = GC.CollectionCount(0);
                Console.Out.WriteLine("marked");
            }
            else if (line == "report")
            {
                var received = sessions.Sum(s => s.Counters.PacketsReceived);
                var sent = sessions.Sum(s => s.Counters.PacketsSent);
                var errors = sessions.Sum(s => s.Counters.SendErrors);
                var inKernel = sessions.Sum(s => s.ForwardedIn?.Packets ?? 0);
                Console.Out.WriteLine(FormattableString.Invariant(
                    $"report allocated={GC.GetTotalAllocatedBytes(precise: true) - allocatedAtMark} gen0={GC.CollectionCount(0) - gcAtMark} received={received} sent={sent} senderrors={errors} kernel={inKernel} threads={System.Diagnostics.Process.GetCurrentProcess().Threads.Count}"));
            }

            Console.Out.Flush();
        }

        foreach (var s in subscriptions)
        {
            s.Dispose();
        }

        foreach (var s in sessions)
        {
            s.Dispose();
        }

        return 0;
    }

    private sealed class Parked : IRtpReceiver
    {
        public void OnRtp(RtpSession session, in RtpHeader header, ReadOnlySpan<byte> payload)
        {
        }

        public void OnMediaTimeout(RtpSession session)
        {
        }
    }
}
