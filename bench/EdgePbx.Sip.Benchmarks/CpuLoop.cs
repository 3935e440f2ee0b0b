using System.Diagnostics;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Benchmarks;

/// <summary>
/// Process CPU time per parse over a fixed number of parses: a figure that a loaded machine does
/// not inflate the way it inflates BenchmarkDotNet's wall clock (other processes' time is not counted).
/// </summary>
internal static class CpuLoop
{
    public static void Run(int parses)
    {
        var message = ParseBenchmarks.InviteBytes;
        var ok = 0;
        // Warm-up lets tiered JIT reach the optimised code before the measured run.
        for (var i = 0; i < 200_000; i++)
        {
            ok += SipParser.Parse(message).IsSuccess ? 1 : 0;
        }

        var process = Process.GetCurrentProcess();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < parses; i++)
        {
            ok += SipParser.Parse(message).IsSuccess ? 1 : 0;
        }

        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine(
            $"ParseInvite ({message.Length} B): {parses:N0} parses, {cpu.TotalMilliseconds * 1000 / parses:F3} CPU-µs/parse, " +
            $"{wall.Elapsed.TotalMilliseconds * 1000 / parses:F3} wall-µs/parse, {(double)allocated / parses:F1} B/parse, ok {ok}");
    }
}
