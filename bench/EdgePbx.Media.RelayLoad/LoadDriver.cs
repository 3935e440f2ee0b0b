using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace EdgePbx.Media.RelayLoad;

/// <summary>
/// The load generator. For each N it starts a fresh relay process and sends a 172-byte PCMU RTP packet (20 ms)
/// on both legs of every call every 20 ms, calls spread over 20 one-millisecond slots as real calls are not in
/// phase. It is kept cheap so that it measures the relay, not itself: one unconnected UDP socket sends each
/// slot's packets (to many relay ports) with one sendmmsg(2), and one thread receives the relay's output with
/// recvmmsg(2) in batches. Each payload carries its leg, frame number and send time (taken just before the
/// sendmmsg of its batch of 16); the relay passes PCMU↔PCMU payloads through untouched. Added latency = the
/// kernel's receive time at the generator socket (SO_TIMESTAMPNS) - send time: it holds the relay's wake-up,
/// receive and send and two loopback hops, not the generator's own receive thread (--direct gives the floor).
/// "handled" latency is to when the generator's thread got the packet, as measured before 2026-12-02 stop 18.
/// Loss = packets sent in the measured window that never came out. "window s" is the wall time the measured frames
/// took to send and "late slots" how many of their slots went out more than 1 ms after their time: a generator
/// starved of CPU sends less than the nominal rate, and such a run does not count.
/// </summary>
internal static class LoadDriver
{
    public static int Run(LoadOptions options)
    {
        PreciseSleep.TightenTimerSlack();
        var mode = options.Direct ? "direct (no relay)" : $"relay{(options.Tun ? " behind a TUN device" : " on loopback")}, {options.RelayThreads?.ToString(CultureInfo.InvariantCulture) ?? "default"} I/O thread(s){(options.RealtimePriority > 0 ? $" at SCHED_FIFO {options.RealtimePriority}" : "")}";
        Console.WriteLine($"# relay load, {mode}, {options.Seconds} s measured after {options.Warmup} s, {options.Slots} send slots a frame, {Environment.ProcessorCount} cores, load average at start {ProcStat.LoadAverage()}");
        Console.WriteLine("| calls | packets sent | lost | p50 µs | p99 µs | max µs | handled p50 µs | handled p99 µs | relay CPU-s | relay cores | relay µs CPU/packet | relay alloc B | relay gen0 GCs | relay threads | generator CPU-s | window s | late slots | load avg |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var calls in options.Calls)
        {
            Console.WriteLine(RunOnce(options, calls));
        }

        return 0;
    }

    private static string RunOnce(LoadOptions options, int calls)
    {
        var tun = options.Tun ? new TunDevice(queueLength: calls * 4) : null;
        Process? relay = null;
        int[]? ports = null;
        if (!options.Direct)
        {
            relay = StartRelay(options, calls, tun is null ? IPAddress.Loopback : TunDevice.RelayAddress);
            var first = relay.StandardOutput.ReadLine() ?? throw new InvalidOperationException("relay process ended before listing its ports");
            ports = first.Split(' ').Skip(1).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        }

        var warmFrames = (int)(options.Warmup * 50);
        var measuredFrames = (int)(options.Seconds * 50);
        var histogram = new LatencyHistogram();
        var handled = new LatencyHistogram();
        var slots = options.Slots;
        var capacity = (((calls + slots - 1) / slots) * 2) + 2;
        using ILoadPath path = tun is null
            ? new LoopbackPath(calls, ports, capacity, histogram, handled, warmFrames, warmFrames + measuredFrames)
            : new TunPath(tun, ports ?? throw new ArgumentException("--tun needs the relay (not --direct)"), capacity, handled, warmFrames, warmFrames + measuredFrames);
        using var device = tun;
        if (calls == options.Calls[0])
        {
            Console.WriteLine($"# latency: {path.LatencyMeaning}");
        }

        path.StartReceiving();

        long sentInWindow = 0;
        double relayCpu0 = 0, relayCpu1 = 0, ownCpu0 = 0, windowStart = 0;
        var lateSlots = 0;
        var clock = Stopwatch.StartNew();
        for (var frame = 0; frame < warmFrames + measuredFrames; frame++)
        {
            if (frame == warmFrames)
            {
                if (relay is not null)
                {
                    relay.StandardInput.WriteLine("mark");
                    relay.StandardOutput.ReadLine();
                    relayCpu0 = ProcStat.CpuSeconds(relay.Id);
                }

                ownCpu0 = ProcStat.CpuSeconds(Environment.ProcessId);
                windowStart = clock.Elapsed.TotalSeconds;
            }

            for (var slot = 0; slot < slots; slot++)
            {
                path.Clear();
                for (var call = slot; call < calls; call += slots)
                {
                    path.Add(call * 2, frame);
                    path.Add((call * 2) + 1, frame);
                }

                var due = (frame + ((double)slot / slots)) * 20.0;
                WaitUntil(clock, due);
                if (frame >= warmFrames)
                {
                    sentInWindow += path.Count;
                    if (clock.Elapsed.TotalMilliseconds - due > 1.0)
                    {
                        lateSlots++;
                    }
                }

                path.Send();
            }
        }

        var window = clock.Elapsed.TotalSeconds - windowStart;
        if (relay is not null)
        {
            relayCpu1 = ProcStat.CpuSeconds(relay.Id);
        }

        var ownCpu1 = ProcStat.CpuSeconds(Environment.ProcessId);
        var load = ProcStat.LoadAverage();
        Thread.Sleep(500);
        path.StopReceiving();
        var report = "";
        if (relay is not null)
        {
            relay.StandardInput.WriteLine("report");
            report = relay.StandardOutput.ReadLine() ?? "";
            relay.StandardInput.Close();
            relay.WaitForExit(10_000);
            relay.Dispose();
        }

        var fields = report.Split(' ').Skip(1).Select(f => f.Split('=')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        if (path.Unstamped > 0)
        {
            Console.Error.WriteLine($"{path.Unstamped} packets came without a kernel receive time");
        }

        var relayCpu = relayCpu1 - relayCpu0;
        var perPacket = relay is null ? "-" : FormattableString.Invariant($"{relayCpu * 1e6 / sentInWindow:0.00}");
        return FormattableString.Invariant(
            $"| {calls} | {sentInWindow} | {sentInWindow - path.Received} | {histogram.Quantile(0.5):0} | {histogram.Quantile(0.99):0} | {histogram.MaxMicroseconds:0} | {handled.Quantile(0.5):0} | {handled.Quantile(0.99):0} | {relayCpu:0.00} | {relayCpu / window:0.00} | {perPacket} | {fields.GetValueOrDefault("allocated", "-")} | {fields.GetValueOrDefault("gen0", "-")} | {fields.GetValueOrDefault("threads", "-")} | {ownCpu1 - ownCpu0:0.00} | {window:0.00} | {lateSlots} | {load} |");
    }

    private static Process StartRelay(LoadOptions options, int calls, IPAddress address)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        foreach (var a in new[] { "relay", "--calls", calls.ToString(CultureInfo.InvariantCulture), "--base-port", options.BasePort.ToString(CultureInfo.InvariantCulture), "--address", address.ToString() })
        {
            start.ArgumentList.Add(a);
        }

        if (options.RelayThreads is { } threads)
        {
            start.Environment["EDGEPBX_RTP_IO_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        }

        if (options.RealtimePriority > 0)
        {
            start.Environment["EDGEPBX_RTP_REALTIME_PRIORITY"] = options.RealtimePriority.ToString(CultureInfo.InvariantCulture);
        }

        if (options.Kernel)
        {
            start.Environment["EDGEPBX_RTP_KERNEL_FORWARD"] = "1";
        }

        return Process.Start(start)!;
    }

    private static void WaitUntil(Stopwatch clock, double milliseconds)
    {
        // Sleep rather than spin: the relay under test needs the cores. A late slot is sent late, not lost.
        var due = (long)(milliseconds * Stopwatch.Frequency / 1000);
        if (clock.ElapsedTicks < due)
        {
            PreciseSleep.Until(Stopwatch.GetTimestamp() + (due - clock.ElapsedTicks));
        }
    }
}
