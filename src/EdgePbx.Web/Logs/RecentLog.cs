using Microsoft.Extensions.Logging;

namespace EdgePbx.Web.Logs;

/// <summary>
/// The daemon's recent log lines kept in memory for the System page (the journal stays the real record): a
/// ring of the last <see cref="Capacity"/> lines at the host's log level, oldest dropped first, so it costs a
/// fixed amount of memory however chatty the box is.
/// </summary>
/// <remarks>
/// Two ways in. As a logger provider it formats each line itself (the web layer on its own, in its tests). A host whose
/// own logger has already formatted the line hands it over through <see cref="For"/> instead, so the line's message is
/// made once for both (the daemon's console logger does; RecentLog is then not a provider of its own).
/// </remarks>
public sealed class RecentLog(TimeProvider time) : ILoggerProvider
{
    public const int Capacity = 500;

    private readonly LogLine[] _ring = new LogLine[Capacity];
    private readonly Lock _lock = new();
    private long _written;

    public sealed record LogLine(DateTimeOffset At, LogLevel Level, string Category, string Message);

    public ILogger CreateLogger(string categoryName) => new Writer(For(categoryName));

    /// <summary>Where the lines of <paramref name="categoryName"/> go once formatted; a logger keeps one per category.</summary>
    public CategoryLog For(string categoryName) => new(this, categoryName);

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

    /// <summary>One category's way into the ring: the line as the System page shows it, from a message already formatted.</summary>
    public sealed class CategoryLog
    {
        private readonly RecentLog _log;
        private readonly string _short;

        internal CategoryLog(RecentLog log, string category)
        {
            _log = log;
            // "EdgePbx.Switchboard.CallEngine" reads better as "CallEngine" in a narrow table.
            _short = category[(category.LastIndexOf('.') + 1)..];
        }

        /// <summary>Keeps a line at <paramref name="level"/>; the host's level filters have already let it through.</summary>
        public void Add(LogLevel level, string? message, Exception? exception)
        {
            var text = message ?? "";
            if (exception is not null)
            {
                text += $" ({exception.GetType().Name}: {exception.Message})";
            }

            _log.Add(level, _short, text);
        }
    }

    private sealed class Writer(CategoryLog log) : ILogger
    {
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

            log.Add(logLevel, formatter(state, exception), exception);
        }
    }
}
