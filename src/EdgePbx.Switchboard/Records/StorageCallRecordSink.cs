using System.Collections.Immutable;
using System.Diagnostics;
using EdgePbx.Storage.CallRecords;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Records;

/// <summary>
/// Writes records through <see cref="CallRecordWriter"/> from a queue, so an engine worker never waits on SQLite.
/// The writing happens on a thread of its own ("Call records") that blocks on SQLite and on the queue: no task,
/// timer or thread-pool work per batch (the async loop's delay and continuations were most of the path's CPU
/// under load). Records waiting together are written in one transaction: the database fsyncs every commit
/// (synchronous=FULL), and one fsync per call was the writer's main cost under load; a record is on the flash
/// once its batch commits. A batch that fails as a whole is written again one record at a time, so one bad
/// record costs only itself. The oldest queued record waits at most <see cref="BatchWindow"/> for others, so
/// that calls ending close together share one commit (at 100 calls/s: about 5 commits a second instead of 100);
/// a stop, or a full batch, writes at once.
/// </summary>
public sealed partial class StorageCallRecordSink(CallRecordWriter writer, ILogger<StorageCallRecordSink> logger) : ICallRecordSink
{
    public const string ThreadName = "Call records";

    private readonly object _gate = new();
    private readonly Queue<CallRecord> _queue = new();
    private readonly List<CallRecord> _batch = new(MaxBatch);
    private long _oldestQueuedAt;
    private bool _completed;
    private int _started;
    private long _written;
    private long _refused;
    private long _transactions;

    /// <summary>At most this many records share a transaction (a commit stays short for readers).</summary>
    public const int MaxBatch = 100;

    /// <summary>
    /// How long the oldest queued record waits for others. A record is at risk of a power cut from its call's end until
    /// its commit: at most this window plus one commit. 200 ms keeps that below anything a caller or an installer
    /// reading the call list could notice, and at 100 calls/s it gives commits of about twenty records; each halving of
    /// it doubles the commits, their fsyncs and the index pages written again (50 ms cost the writer thread about
    /// twice the CPU under the load run: docs/performance.md, issue 7).
    /// </summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(200);

    public long Written => Interlocked.Read(ref _written);

    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Write transactions committed or tried (a batch, or one record).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    public void Submit(CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (!_completed)
            {
                _queue.Enqueue(record);
                if (_queue.Count == 1)
                {
                    // The writer sleeps until the first record and then waits out its window; a full batch need not wait.
                    _oldestQueuedAt = Stopwatch.GetTimestamp();
                    Monitor.Pulse(_gate);
                }
                else if (_queue.Count == MaxBatch)
                {
                    Monitor.Pulse(_gate);
                }

                return;
            }
        }

        LogDropped(logger, record.CallId);
    }

    /// <summary>Stops taking records; the writer thread ends once everything queued is written.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>
    /// Starts the writer thread; the task completes when it has ended: after <see cref="Complete"/> (or a cancel, which
    /// completes the queue the same way) once every record still queued is written. A record must not be lost to a stop.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the record writer runs once");
        }

        // Continuations run elsewhere: whoever awaits the stop must not run on (or hold up) the writer thread.
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = cancellationToken.Register(Complete);
        var thread = new Thread(() =>
        {
            try
            {
                while (TakeBatch())
                {
                    Write(_batch);
                }

                ended.SetResult();
            }
#pragma warning disable CA1031 // Reported to whoever awaits the writer; a thread's unhandled exception would end the daemon.
            catch (Exception e)
#pragma warning restore CA1031
            {
                ended.SetException(e);
            }
            finally
            {
                registration.Dispose();
            }
        })
        {
            Name = ThreadName,
            IsBackground = true,
        };
        thread.Start();
        return ended.Task;
    }

    /// <summary>Sleeps until a record is queued, then out the rest of its window; false once completed and empty.</summary>
    private bool TakeBatch()
    {
        _batch.Clear();
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                if (_completed)
                {
                    return false;
                }

                Monitor.Wait(_gate);
            }

            // The window counts from the oldest record's arrival (monotonic), not from when this thread got to it:
            // records queued during the last commit have waited part of their window already.
            while (!_completed && _queue.Count < MaxBatch)
            {
                var left = BatchWindow - Stopwatch.GetElapsedTime(_oldestQueuedAt);
                if (left <= TimeSpan.Zero)
                {
                    break;
                }

                Monitor.Wait(_gate, (int)Math.Ceiling(left.TotalMilliseconds));
            }

            // What stays queued beyond a full batch is past its window too: the next round takes it without waiting.
            while (_batch.Count < MaxBatch && _queue.TryDequeue(out var record))
            {
                _batch.Add(record);
            }
        }

        return true;
    }

    private void Write(List<CallRecord> batch)
    {
        if (batch.Count == 1)
        {
            WriteOne(batch[0]);
            return;
        }

        ImmutableArray<WriteResult> results;
        try
        {
            Interlocked.Increment(ref _transactions);
            results = writer.WriteMany(batch);
        }
#pragma warning disable CA1031 // The batch rolled back as a whole: each record gets its own try, so only a bad one is lost.
        catch (Exception)
#pragma warning restore CA1031
        {
            foreach (var record in batch)
            {
                WriteOne(record);
            }

            return;
        }

        for (var i = 0; i < results.Length; i++)
        {
            Count(batch[i], results[i]);
        }
    }

    private void WriteOne(CallRecord record)
    {
        try
        {
            Interlocked.Increment(ref _transactions);
            Count(record, writer.Write(record));
        }
#pragma warning disable CA1031 // A broken disk must not stop the writer thread; the next record may succeed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _refused);
            LogFailed(logger, e, record.CallId);
        }
    }

    private void Count(CallRecord record, WriteResult result)
    {
        if (result.Succeeded)
        {
            Interlocked.Increment(ref _written);
        }
        else
        {
            Interlocked.Increment(ref _refused);
            LogRefused(logger, record.CallId, string.Join("; ", result.Errors));
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Call record {CallId} dropped: the record queue is closed")]
    private static partial void LogDropped(ILogger logger, string callId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Call record {CallId} refused: {Errors}")]
    private static partial void LogRefused(ILogger logger, string callId, string errors);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "Call record {CallId} could not be written")]
    private static partial void LogFailed(ILogger logger, Exception exception, string callId);
}
