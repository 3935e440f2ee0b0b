using System.Diagnostics;
using EdgePbx.Sip.Threading;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Sip.Benchmarks;

/// <summary>
/// Schedule + cancel on a <see cref="TimerThread"/> that holds 20,000 live timers, the shape of the load run: a
/// transaction's 32 s timer (B, F, J, L, M) is armed and cancelled long before it fires. Two ways of doing it: a
/// new timer per start, disposed at stop (TransactionTimer before it kept one), and one timer re-armed with
/// Change. Each round gets a fresh thread and makes <see cref="Operations"/> schedule+cancel pairs, so a
/// structure that keeps cancelled entries (the old heap) holds about as many as the load run's heap dump
/// showed; the median of the rounds is printed (wall clock: a few milliseconds a round, too short for CPU
/// time, and the median keeps a loaded machine's outliers out).
/// </summary>
internal static class TimerLoop
{
    private const int LiveTimers = 20_000;
    private const int Operations = 20_000;
    private const int Rounds = 25;
    private static readonly TimeSpan ArmedFor = TimeSpan.FromSeconds(32);
    private static readonly TimerCallback Nothing = static _ => { };

    public static void Run()
    {
        // Warm-up lets tiered JIT reach the optimised code before the measured rounds.
        for (var i = 0; i < 5; i++)
        {
            Round(createEach: true);
            Round(createEach: false);
        }

        var create = new double[Rounds];
        var change = new double[Rounds];
        for (var i = 0; i < Rounds; i++)
        {
            create[i] = Round(createEach: true);
            change[i] = Round(createEach: false);
        }

        Console.WriteLine($"Schedule+cancel with {LiveTimers:N0} live timers ({Operations:N0} pairs a round, median of {Rounds} rounds):");
        Console.WriteLine($"  CreateTimer + Dispose:        {Median(create):F1} ns/pair");
        Console.WriteLine($"  Change + Change(Infinite):    {Median(change):F1} ns/pair");
    }

    /// <summary>ns per schedule+cancel pair.</summary>
    private static double Round(bool createEach)
    {
        using var timers = new TimerThread("SIP timers", NullLogger<TimerThread>.Instance);

        // The earliest live timer (20 s) stands before every 32 s entry the round makes, as the daemon's
        // retransmission and media timers do, and none fires during the round.
        var live = new ITimer[LiveTimers];
        for (var i = 0; i < live.Length; i++)
        {
            live[i] = timers.CreateTimer(Nothing, null, TimeSpan.FromSeconds(20) + TimeSpan.FromMilliseconds(i * 170), Timeout.InfiniteTimeSpan);
        }

        var reused = new ITimer[1024];
        for (var i = 0; i < reused.Length; i++)
        {
            reused[i] = timers.CreateTimer(Nothing, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        var wall = Stopwatch.StartNew();
        if (createEach)
        {
            for (var i = 0; i < Operations; i++)
            {
                var timer = timers.CreateTimer(Nothing, null, ArmedFor, Timeout.InfiniteTimeSpan);
                timer.Dispose();
            }
        }
        else
        {
            for (var i = 0; i < Operations; i++)
            {
                var timer = reused[i & (reused.Length - 1)];
                timer.Change(ArmedFor, Timeout.InfiniteTimeSpan);
                timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        wall.Stop();
        GC.KeepAlive(live);
        return wall.Elapsed.TotalNanoseconds / Operations;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
