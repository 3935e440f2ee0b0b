using System.Diagnostics;
using BenchmarkDotNet.Running;
using EdgePbx.Routing.Benchmarks;

if (args is ["quick", ..])
{
    // A rough Stopwatch figure for use while optimising; the README's numbers come from BenchmarkDotNet.
    var bench = new EvaluateBenchmarks { Plan = args.Length > 1 ? args[1] : "demo.json" };
    bench.Setup();
    for (var round = 0; round < 3; round++)
    {
        // CPU time of this thread as well as wall time: on a machine shared with other builds the wall
        // figure drops whenever the thread waits for a core, the per-CPU-second figure much less.
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var n = 0L;
        while (clock.ElapsedMilliseconds < 2000)
        {
            bench.Evaluate_without_trace();
            n += EvaluateBenchmarks.Calls;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine($"without trace: {n / clock.Elapsed.TotalSeconds:N0} evaluations/s wall, {n / cpu.TotalSeconds:N0} per CPU-second");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EvaluateBenchmarks).Assembly).Run(args);
