using System.Text;
using EdgePbx.Web.Logs;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Logging;

/// <summary>
/// One category's logger: formats each entry into the writer's batch on the caller's thread, and hands the message it made
/// to the System page's recent lines, which would otherwise format it again as a logger provider of their own.
/// </summary>
internal sealed class BatchedConsoleLogger(LogBatchWriter writer, string category, RecentLog.CategoryLog? recent) : ILogger
{
    // Encoded once per category (the logger factory keeps one logger per category), not once per line.
    private readonly byte[] _category = Encoding.UTF8.GetBytes(category);

    // The console provider's formatters leave scopes out unless IncludeScopes is set; the daemon never set it.
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    // Levels and category filters are applied by the logger factory before an entry gets here.
    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        // NativeAOT compiles this method once per state type (every LoggerMessage method has its own): it only makes the
        // message, and the rest is one shared body.
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            Write(logLevel, eventId.Id, formatter(state, exception), exception);
        }
    }

    private void Write(LogLevel logLevel, int eventId, string? message, Exception? exception)
    {
        if (message is null && exception is null)
        {
            return;
        }

        // Exception text is made here, outside the writer's lock.
        writer.Append(logLevel, _category, eventId, message, exception?.ToString());
        // Also when standard output's queue is full and dropped the line: the page keeps the recent lines regardless.
        recent?.Add(logLevel, message, exception);
    }
}
