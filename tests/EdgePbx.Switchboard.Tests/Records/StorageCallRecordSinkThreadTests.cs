using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Switchboard.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Records;

/// <summary>The sink's writer runs on a thread of its own, blocking; these pin down when it writes and where.</summary>
public sealed class StorageCallRecordSinkThreadTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private readonly PbxDatabase _db = PbxDatabase.Open(Directory.CreateTempSubdirectory("sink-").FullName, new FakeTimeProvider());
    private readonly ThreadLogger _log = new();

    [Fact]
    public async Task Records_are_written_on_the_records_thread_and_not_on_the_thread_pool()
    {
        var sink = Sink(TimeSpan.Zero);
        var run = sink.RunAsync(CancellationToken.None);
        // A refused record is logged by the thread that wrote it.
        sink.Submit(Record("") with { CallId = " " });
        sink.Submit(Record("ok@x"));
        sink.Complete();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((1L, 1L), (sink.Written, sink.Refused));
        var (eventId, thread, pooled) = Assert.Single(_log.Entries);
        Assert.Equal(301, eventId);
        Assert.Equal(StorageCallRecordSink.ThreadName, thread);
        Assert.False(pooled);
    }

    [Fact]
    public async Task A_stop_writes_what_is_queued_at_once_in_one_commit_without_waiting_out_the_window()
    {
        var sink = Sink(Long);
        var run = sink.RunAsync(CancellationToken.None);
        sink.Submit(Record("a@x"));
        sink.Submit(Record("b@x"));
        sink.Submit(Record("c@x"));
        sink.Complete();

        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((3L, 0L, 1L), (sink.Written, sink.Refused, sink.Transactions));
        Assert.Equal(3, new CallRecordSearch(_db).Search(new CallSearch()).Items.Length);
    }

    [Fact]
    public async Task A_cancel_stops_the_writer_like_a_completed_queue_and_later_records_are_dropped_with_a_log()
    {
        var sink = Sink(Long);
        using var cts = new CancellationTokenSource();
        var run = sink.RunAsync(cts.Token);
        sink.Submit(Record("a@x"));
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        sink.Submit(Record("late@x"));

        Assert.Equal((1L, 0L), (sink.Written, sink.Refused));
        Assert.Equal(300, Assert.Single(_log.Entries).EventId);
    }

    [Fact]
    public async Task A_full_batch_is_written_without_waiting_out_the_window()
    {
        var sink = Sink(Long);
        var run = sink.RunAsync(CancellationToken.None);
        for (var i = 0; i < StorageCallRecordSink.MaxBatch; i++)
        {
            sink.Submit(Record($"{i}@x"));
        }

        Assert.True(SpinWait.SpinUntil(() => sink.Written == StorageCallRecordSink.MaxBatch, TimeSpan.FromSeconds(10)));
        Assert.Equal(1L, sink.Transactions);
        sink.Complete();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_writer_runs_once()
    {
        var sink = Sink(TimeSpan.Zero);
        _ = sink.RunAsync(CancellationToken.None);
        Assert.Throws<InvalidOperationException>(() => { _ = sink.RunAsync(CancellationToken.None); });
        sink.Complete();
    }

    private StorageCallRecordSink Sink(TimeSpan window) => new(new CallRecordWriter(_db), _log) { BatchWindow = window };

    private static CallRecord Record(string id)
    {
        var t = new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
        return new CallRecord { CallId = id, Caller = "1", Called = "2", Start = t, End = t, Outcome = CallOutcome.Missed };
    }

    public void Dispose() => _db.Dispose();

    /// <summary>Keeps each entry's event id and the thread that logged it.</summary>
    private sealed class ThreadLogger : ILogger<StorageCallRecordSink>
    {
        private readonly List<(int EventId, string? Thread, bool Pooled)> _entries = [];

        public IReadOnlyList<(int EventId, string? Thread, bool Pooled)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((eventId.Id, Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread));
            }
        }
    }
}
