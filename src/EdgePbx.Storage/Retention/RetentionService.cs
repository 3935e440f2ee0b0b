using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Storage.Retention;

/// <summary>
/// Removes old call records once a day, in small batches, each its own transaction through the shared
/// writer; between batches the writer is released so a call ending meanwhile is written straight away.
/// </summary>
public sealed class RetentionService : IDisposable
{
    private readonly PbxDatabase _database;
    private readonly RetentionOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private int _running;

    public RetentionService(PbxDatabase database, RetentionOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        if (options.KeepMonths < 1 || options.BatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "KeepMonths and BatchSize must be at least 1");
        }

        _database = database;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The purge started by the timer most recently (completed when idle); lets the host and tests await it.</summary>
    public Task LastRun { get; private set; } = Task.CompletedTask;

    /// <summary>Schedules the daily purge on the database's TimeProvider.</summary>
    public void Start()
    {
        _timer ??= _database.Time.CreateTimer(_ => OnTimer(), null, _options.FirstRunDelay, _options.Interval);
    }

    /// <summary>Start of the UTC day <see cref="RetentionOptions.KeepMonths"/> ago: whole days, so the hourly and
    /// daily report sums are removed exactly with the calls they count.</summary>
    public DateTimeOffset Cutoff()
    {
        var cutoff = _database.Time.GetUtcNow().AddMonths(-_options.KeepMonths);
        return SqlTime.FromMs(CallRollup.DayOf(SqlTime.ToMs(cutoff)));
    }

    /// <summary>Deletes every record older than the cutoff, batch by batch; returns how many were removed.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = Cutoff();
        var cutoffMs = SqlTime.ToMs(cutoff);
        var total = 0;
        while (true)
        {
            var removed = await _database.WriteAsync((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                // Legs go with their call (ON DELETE CASCADE); the oldest first, so a cut-short run still made progress.
                command.CommandText = "DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE start_ms < $cutoff ORDER BY start_ms LIMIT $batch)";
                command.Parameters.AddWithValue("$cutoff", cutoffMs);
                command.Parameters.AddWithValue("$batch", _options.BatchSize);
                return command.ExecuteNonQuery();
            }, cancellationToken).ConfigureAwait(false);
            total += removed;
            if (removed < _options.BatchSize)
            {
                break;
            }

            // Let a waiting engine write take the writer before the next batch.
            await Task.Yield();
        }

        await _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // A few rows per hour and kind: one short statement even for months of history.
            command.CommandText = "DELETE FROM call_rollup WHERE hour_ms < $cutoff";
            command.Parameters.AddWithValue("$cutoff", cutoffMs);
            return command.ExecuteNonQuery();
        }, cancellationToken).ConfigureAwait(false);

        if (total > 0)
        {
            StorageLog.RetentionRemoved(_logger, total, cutoff);
        }

        return total;
    }

    private void OnTimer()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        LastRun = RunGuardedAsync();
    }

    private async Task RunGuardedAsync()
    {
        try
        {
            await PurgeAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down; the next start purges what is left.
        }
#pragma warning disable CA1031 // A failed purge must not kill the timer or the daemon; it is logged and retried tomorrow.
        catch (Exception e)
#pragma warning restore CA1031
        {
            StorageLog.RetentionFailed(_logger, e);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
