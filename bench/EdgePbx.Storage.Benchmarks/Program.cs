using System.Diagnostics;
using BenchmarkDotNet.Running;

namespace EdgePbx.Storage.Benchmarks;

public static class Program
{
    /// <summary>"seed" builds (or checks) the 1,000,000-record database once and times it; anything else goes to BenchmarkDotNet.</summary>
    public static void Main(string[] args)
    {
        if (args is ["seed"])
        {
            var clock = Stopwatch.StartNew();
            using var db = MillionCalls.OpenSeeded();
            Console.WriteLine($"{MillionCalls.Count} records ready in {MillionCalls.DataDir} after {clock.Elapsed.TotalSeconds:F1} s ({new FileInfo(db.FilePath).Length / 1048576} MiB)");
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
