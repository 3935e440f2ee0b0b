using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(EdgePbx.Media.Benchmarks.FrameBenchmarks).Assembly).Run(args);
