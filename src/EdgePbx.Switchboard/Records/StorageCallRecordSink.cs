using System.Threading.Channels;
using EdgePbx.Storage.CallRecords;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard.Records;

/// <summary>
/// Writes records through <see cref="CallRecordWriter"/> from a queue, so an engine worker never waits
/// on SQLite. <see cref="RunAsync"/> drains the queue until cancelled and then writes what is left.
/// </summary>
public sealed partial class StorageCallRecordSink(CallRecordWriter writer, ILogger<StorageCallRecordSink> logger) : ICallRecordSink
{
    private readonly Channel<CallRecord> _queue = Channel.CreateUnbounded<CallRecord>(new UnboundedChannelOptions { SingleReader = true });
    private long _written;
    private long _refused;

    public long Written => Interlocked.Read(ref _written);

    public long Refused => Interlocked.Read(ref _refused);

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
                while (_queue.Reader.TryRead(out var record))
                {
                    await WriteOneAsync(record).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down: write what is queued without the token, a record must not be lost to a stop.
            while (_queue.Reader.TryRead(out var record))
            {
                await WriteOneAsync(record).ConfigureAwait(false);
            }
        }
    }

    private async Task WriteOneAsync(CallRecord record)
    {
        try
        {
            var result = await writer.WriteAsync(record).ConfigureAwait(false);
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
#pragma warning disable CA1031 // A broken disk must not stop the writer loop; the next record may succeed.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _refused);
            LogFailed(logger, e, record.CallId);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Call record {CallId} dropped: the record queue is closed")]
    private static partial void LogDropped(ILogger logger, string callId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Call record {CallId} refused: {Errors}")]
    private static partial void LogRefused(ILogger logger, string callId, string errors);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "Call record {CallId} could not be written")]
    private static partial void LogFailed(ILogger logger, Exception exception, string callId);
}
