using System.Collections.Concurrent;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Records;

namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>Keeps the records the engine submits; tests wait on <see cref="WaitForAsync"/> (signalled, not polled).</summary>
public sealed class RecordingSink : ICallRecordSink, IDisposable
{
    private readonly ConcurrentQueue<CallRecord> _records = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<CallRecord> Records => _records.ToList();

    public void Submit(CallRecord record)
    {
        _records.Enqueue(record);
        _arrived.Release();
    }

    public void Dispose() => _arrived.Dispose();

    /// <summary>Waits until at least <paramref name="count"/> records have arrived and returns them all.</summary>
    public async Task<IReadOnlyList<CallRecord>> WaitForAsync(int count, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(20));
        while (_records.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                Assert.Fail($"expected {count} call record(s), got {_records.Count}");
            }
        }

        return Records;
    }
}
