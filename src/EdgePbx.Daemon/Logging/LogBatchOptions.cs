namespace EdgePbx.Daemon.Logging;

/// <summary>How <see cref="BatchedConsoleLoggerProvider"/> lays out, batches and bounds its lines.</summary>
public sealed record LogBatchOptions
{
    public LogFormat Format { get; init; } = LogFormat.Simple;

    /// <summary>How long the writer collects lines after a write before it writes again (at most one wake-up per interval).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Queued bytes at which the writer is woken before its interval is up, so a burst is written in pieces of about this size.</summary>
    public int WakeAtBytes { get; init; } = 64 * 1024;

    /// <summary>Lines waiting at which further lines are dropped (and counted) rather than the logging thread held up.</summary>
    public int MaxQueuedLines { get; init; } = 10_000;

    /// <summary>Bytes waiting at which further lines are dropped: bounds the memory when the lines are long (exceptions).</summary>
    public int MaxQueuedBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Whether a writer thread writes the batches. Without one, lines wait for <see cref="BatchedConsoleLoggerProvider.Flush"/>
    /// or disposal: tests drive the batches themselves.
    /// </summary>
    public bool WriterThread { get; init; } = true;

    /// <summary>How long disposal waits for the writer thread's last write; a blocked standard output must not hold up the exit.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromMilliseconds(500);
}
