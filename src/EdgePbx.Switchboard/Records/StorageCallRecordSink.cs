using System.Threading.Channels;
using EdgePbx.Storage.CallRecords;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Records;

/// <summary>
/// Writes records through <see cref="CallRecordWriter"/> from a queue, so an engine worker never waits
/// on SQLite. <see cref="RunAsync"/> drains the queue until cancelled and then writes what is left.
/// Records waiting together are written in one transaction: the database fsyncs every commit
/// (synchronous=FULL), and one fsync per call was the writer's main cost under load; a record is still on
/// the flash once its batch commits. A batch that fails as a whole is written again one record at a time, so
/// one bad record costs only itself. The writer waits <see cref="BatchWindow"/> after the first record of a
/// batch so that the records of calls ending close together share one commit (at 100 calls/s: about 20 commits
/// a second instead of 100); a stop writes at once.
/// </summary>
public sealed partial class StorageCallRecordSink(CallRecordWriter writer, ILogger<StorageCallRecordSink> logger) : ICallRecordSink
{
    private readonly Channel<CallRecord> _queue = Channel.CreateUnbounded<CallRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<CallRecord> _batch = [];
    private long _written;
    private long _refused;
    private long _transactions;

    /// <summary>At most this many records share a transaction (a commit stays short for readers).</summary>
    public const int MaxBatch = 100;

    /// <summary>How long the first record of a batch waits for others (a record reaches the flash this much later).</summary>
    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(50);

    public long Written => Interlocked.Read(ref _written);

    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Write transactions committed or tried (a batch, or one record).</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    public void Submit(CallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_queue.Writer.TryWrite(record))
        {
            LogDropped(logger, record.CallId);
        }
    }

    /// <summary>Stops taking records; <see cref="RunAsync"/> finishes once the queue is written.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (BatchWindow > TimeSpan.Zero)
                {
                    await Task.Delay(BatchWindow, cancellationToken).ConfigureAwait(false);
                }

                await WriteQueuedAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: write what is queued without the token, a record must not be lost to a stop.
            await WriteQueuedAsync().ConfigureAwait(false);
        }
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            _batch.Clear();
            while (_batch.Count < MaxBatch && _queue.Reader.TryRead(out var record))
            {
                _batch.Add(record);
            }

            if (_batch.Count == 0)
            {
                return;
            }

            if (_batch.Count == 1)
            {
                await WriteOneAsync(_batch[0]).ConfigureAwait(false);
            }
            else
            {
                await WriteBatchAsync(_batch).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteBatchAsync(List<CallRecord> batch)
    {
        System.Collections.Immutable.ImmutableArray<WriteResult> results;
        try
        {
            Interlocked.Increment(ref _transactions);
            results = await writer.WriteManyAsync(batch).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The batch rolled back as a whole: each record gets its own try, so only a bad one is lost.
        catch (Exception)
#pragma warning restore CA1031
        {
            foreach (var record in batch)
            {
                await WriteOneAsync(record).ConfigureAwait(false);
            }

            return;
        }

        for (var i = 0; i < results.Length; i++)
        {
            Count(batch[i], results[i]);
        }
    }

    private async Task WriteOneAsync(CallRecord record)
    {
        try
        {
            Interlocked.Increment(ref _transactions);
            Count(record, await writer.WriteAsync(record).ConfigureAwait(false));
        }
#pragma warning disable CA1031 // A broken disk must not stop the writer loop; the next record may succeed.
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
