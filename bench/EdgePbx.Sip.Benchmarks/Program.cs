using BenchmarkDotNet.Running;
using EdgePbx.Sip.Benchmarks;

// "--cpu-loop N": process CPU time per INVITE parse over N parses (for a loaded machine).
if (args.Length >= 1 && args[0] == "--cpu-loop")
{
    CpuLoop.Run(args.Length >= 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2_000_000);
    return;
}

// "--timer-loop": schedule+cancel on a TimerThread holding 20,000 live timers.
if (args.Length >= 1 && args[0] == "--timer-loop")
{
    TimerLoop.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ParseBenchmarks).Assembly).Run(args);
