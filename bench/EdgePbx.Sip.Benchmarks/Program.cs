using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(EdgePbx.Sip.Benchmarks.ParseBenchmarks).Assembly).Run(args);
