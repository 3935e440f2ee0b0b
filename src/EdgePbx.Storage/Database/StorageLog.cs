using Microsoft.Extensions.Logging;

namespace EdgePbx.Storage.Database;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Database {Path} opened at schema {Version} ({Applied} migrations applied now)")]
    public static partial void Opened(ILogger logger, string path, int version, int applied);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Retention removed {Count} call records started before {Cutoff}")]
    public static partial void RetentionRemoved(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "Retention run failed")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Backup written to {File}")]
    public static partial void BackupWritten(ILogger logger, string file);

    [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "Restore from {File} refused: {Reason}")]
    public static partial void RestoreRefused(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 605, Level = LogLevel.Information, Message = "Database restored from {File}")]
    public static partial void Restored(ILogger logger, string file);
}
