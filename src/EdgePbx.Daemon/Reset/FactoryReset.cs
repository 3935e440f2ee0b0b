using EdgePbx.Daemon.Cli;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Storage.Database;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Reset;

/// <summary>
/// Carries out a factory reset confirmed on the front panel (the panel's two long presses, see
/// hardware/README.md): wipes the data folder (<see cref="FactoryWipe"/>, call records kept unless the
/// panel settings say otherwise), then stops the daemon with <see cref="ExitCodes.RestartRequested"/> so
/// systemd (Restart=on-failure) starts it fresh: built-in demo plan, no accounts, first-visit setup page.
/// </summary>
public sealed partial class FactoryReset(
    PbxDatabase database, DaemonSettings settings, IHostApplicationLifetime lifetime, ExitRequest exit, ILogger<FactoryReset> logger)
{
    private int _started;

    public async Task<FactoryWipeResult?> RunAsync(bool keepCallRecords, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return null;
        }

        try
        {
            var result = await FactoryWipe.RunAsync(database, settings.DataDirectory, keepCallRecords, cancellationToken).ConfigureAwait(false);
            LogWiped(logger, keepCallRecords ? "kept" : "wiped", string.Join(", ", result.Tables), result.Files.Count == 0 ? "-" : string.Join(", ", result.Files));
            exit.Request(ExitCodes.RestartRequested);
            lifetime.StopApplication();
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            // A half-done reset must not take the box down mid-call; the installer can try again.
            Interlocked.Exchange(ref _started, 0);
            LogFailed(logger, ex.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 70, Level = LogLevel.Warning, Message = "Factory reset confirmed on the front panel: call records {Records}; emptied tables {Tables}; removed {Files}; restarting")]
    private static partial void LogWiped(ILogger logger, string records, string tables, string files);

    [LoggerMessage(EventId = 71, Level = LogLevel.Error, Message = "Factory reset failed, the box runs on: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
