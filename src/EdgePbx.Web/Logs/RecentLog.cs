using Microsoft.Extensions.Logging;

namespace EdgePbx.Web.Logs;

/// <summary>
/// The daemon's recent log lines kept in memory for the System page (the journal stays the real record): a
/// ring of the last <see cref="Capacity"/> lines at the host's log level, oldest dropped first, so it costs a
/// fixed amount of memory however chatty the box is.
/// </summary>
public sealed class RecentLog(TimeProvider time) : ILoggerProvider
{
    public const int Capacity = 500;

    private readonly LogLine[] _ring = new LogLine[Capacity];
    private readonly Lock _lock = new();
    private long _written;

    public sealed record LogLine(DateTimeOffset At, LogLevel Level, string Category, string Message);

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

    /// <summary>The newest lines at <paramref name="minimum"/> or above, newest first.</summary>
    public IReadOnlyList<LogLine> Recent(LogLevel minimum = LogLevel.Trace, int count = Capacity)
    {
        lock (_lock)
        {
            var result = new List<LogLine>(Math.Min(count, Capacity));
            for (var i = _written - 1; i >= 0 && i >= _written - Capacity && result.Count < count; i--)
            {
                var line = _ring[i % Capacity];
                if (line.Level >= minimum)
                {
                    result.Add(line);
                }
            }

            return result;
        }
    }

    public void Dispose()
    {
    }

    private void Add(LogLevel level, string category, string message)
    {
        var line = new LogLine(time.GetUtcNow(), level, category, message.Length > 2000 ? message[..2000] + "…" : message);
        lock (_lock)
        {
            _ring[_written % Capacity] = line;
            _written++;
        }
    }

    private sealed class Writer(RecentLog log, string category) : ILogger
    {
        // "EdgePbx.Switchboard.CallEngine" reads better as "CallEngine" in a narrow table.
        private readonly string _short = category[(category.LastIndexOf('.') + 1)..];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (exception is not null)
            {
                message += $" ({exception.GetType().Name}: {exception.Message})";
            }

            log.Add(logLevel, _short, message);
        }
    }
}
