using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Tests.Support;

/// <summary>Logs a ready-made message through <see cref="ILogger.Log{TState}"/>, as the LoggerMessage-generated methods do.</summary>
internal static class LoggerWrites
{
    public static void Write(this ILogger logger, LogLevel level, int eventId, string message, Exception? exception = null) =>
        logger.Log(level, new EventId(eventId), message, exception, static (text, _) => text);
}
