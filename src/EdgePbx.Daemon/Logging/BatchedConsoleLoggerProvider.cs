using EdgePbx.Web.Logs;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Logging;

/// <summary>
/// The daemon's standard-output log: the lines the console provider wrote (journal or simple format), but formatted on
/// the logging thread into a shared batch and written by a thread of its own in one write per batch, instead of the
/// console provider's wake-up and write(2) per line (3.8 % of the daemon's CPU at 100 calls/s, one line per call).
/// A full queue drops lines and says how many, rather than holding up a SIP or media thread. Each message is formatted
/// once, here, and also handed to the System page's <see cref="RecentLog"/> when one is given.
/// </summary>
public sealed class BatchedConsoleLoggerProvider : ILoggerProvider
{
    private readonly LogBatchWriter _writer;
    private readonly RecentLog? _recent;

    /// <param name="output">Where the batches go (standard output in the daemon); not disposed by the provider.</param>
    /// <param name="options">Layout, batching and bounds of the lines on <paramref name="output"/>.</param>
    /// <param name="recent">The System page's recent lines, which then get every line this provider gets (same levels and filters).</param>
    public BatchedConsoleLoggerProvider(Stream output, LogBatchOptions options, RecentLog? recent = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        _writer = new LogBatchWriter(output, options);
        _recent = recent;
        // A crash does not dispose the host: the lines that led up to it are written before the runtime's own report.
        AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
    }

    public ILogger CreateLogger(string categoryName) => new BatchedConsoleLogger(_writer, categoryName, _recent?.For(categoryName));

    /// <summary>Writes everything queued now, on the calling thread (before a start-up failure is reported, say).</summary>
    public void Flush() => _writer.WriteQueued();

    public void Dispose()
    {
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        _writer.Dispose();
    }

    private void OnUnhandledException(object sender, UnhandledExceptionEventArgs e) => _writer.WriteQueued();
}
