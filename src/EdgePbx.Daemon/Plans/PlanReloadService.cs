using System.Runtime.InteropServices;
using EdgePbx.Daemon.Cloud;
using EdgePbx.Routing.Cli;
using EdgePbx.Storage.Plans;
using EdgePbx.Switchboard.Plans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Plans;

/// <summary>
/// SIGHUP (<c>systemctl reload edgepbx</c>) puts the current plan of plan history in force, so a plan
/// rolled back with <c>edgepbx plan rollback</c> while the daemon runs is taken without a restart. New
/// calls take it; calls in progress keep theirs. A rollback is reported on the cloud status topic.
/// Without this handler SIGHUP would end the daemon.
/// </summary>
public sealed partial class PlanReloadService(
    PlanActivation activation, PlanHistory history, CloudSyncService cloud, ILogger<PlanReloadService> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private PosixSignalRegistration? _hangup;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            _hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                _ = ReloadAsync(CancellationToken.None);
            });
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _hangup?.Dispose();
        _hangup = null;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _hangup?.Dispose();
        _one.Dispose();
    }

    /// <summary>Reloads from plan history; false (and a log line) when there is nothing to take or it does not validate.</summary>
    public async Task<bool> ReloadAsync(CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = history.Current();
            if (stored is null)
            {
                LogNothing(logger, "plan history is empty");
                return false;
            }

            var before = activation.Active.Current;
            var bytes = System.Text.Encoding.UTF8.GetBytes(stored.PlanJson);
            var check = PlanCheck.Run(bytes);
            if (!check.Ok)
            {
                LogNothing(logger, $"version {stored.Version} in plan history does not validate: {check.Issues[0]}");
                return false;
            }

            // The stored plan is also the fallback, so this can only ever put the history's plan in force.
            var result = await activation.LoadAtStartupAsync(bytes, "plan history (reload)", fileWins: false, cancellationToken).ConfigureAwait(false);
            if (result.Applied is not { } applied)
            {
                LogNothing(logger, $"version {stored.Version} was refused: {result.Issues[0]}");
                return false;
            }

            LogReloaded(logger, applied.Revision, applied.Sha256[..12]);
            if (before is not null && applied.Revision < before.Revision)
            {
                await cloud.ReportRollbackAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A signal handler must never take the daemon down; the running plan stays.
            LogNothing(logger, ex.Message);
            return false;
        }
        finally
        {
            _one.Release();
        }
    }

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Plan reloaded on SIGHUP: plan history, revision {Revision}, sha256 {Digest}")]
    private static partial void LogReloaded(ILogger logger, long revision, string digest);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "Plan reload on SIGHUP changed nothing: {Reason}")]
    private static partial void LogNothing(ILogger logger, string reason);
}
