using BenchmarkDotNet.Attributes;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.Benchmarks;

/// <summary>Call records written as the engine writes them: one transaction (one fsync, synchronous=FULL) per call.</summary>
public class WriteBenchmarks
{
    private readonly Random _random = new(7);
    private string _dir = null!;
    private PbxDatabase _db = null!;
    private CallRecordWriter _writer = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "edgepbx-bench-write-" + Guid.NewGuid().ToString("N"));
        _db = PbxDatabase.Open(_dir, TimeProvider.System);
        _writer = new CallRecordWriter(_db);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Description = "one call record per transaction")]
    public async Task<bool> Write_one_call() => (await _writer.WriteAsync(MillionCalls.Make(_next++, _random))).Succeeded;

    [Benchmark(OperationsPerInvoke = 100, Description = "100 call records in one transaction")]
    public async Task<int> Write_hundred_calls()
    {
        var batch = new List<CallRecord>(100);
        for (var i = 0; i < 100; i++)
        {
            batch.Add(MillionCalls.Make(_next++, _random));
        }

        return (await _writer.WriteManyAsync(batch)).Length;
    }
}
