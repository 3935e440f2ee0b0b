using EdgePbx.Daemon.Configuration;
using EdgePbx.Routing.Validation;
using EdgePbx.Switchboard.Plans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Plans;

/// <summary>
/// Puts a plan in force before the listeners open: the installer's plan file when one is named,
/// otherwise the plan the box last ran (cloud or web edit), otherwise the built-in demo plan.
/// A plan file that fails validation stops start-up with its first error.
/// </summary>
public sealed partial class PlanStartupService(PlanActivation activation, DaemonSettings settings, ILogger<PlanStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (bytes, source) = settings.PlanFile is { } file
            ? (await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false), "file " + file)
            : (DemoPlan.Read(), DemoPlan.Source);

        var result = await activation.LoadAtStartupAsync(bytes, source, fileWins: settings.PlanFile is not null, cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
        {
            var errors = result.Issues.Where(i => i.Severity == IssueSeverity.Error).ToList();
            throw new PlanRejectedException($"planFile {settings.PlanFile ?? DemoPlan.Source}: {errors[0]}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more; see `edgepbx plan check`)" : ""));
        }

        var applied = result.Applied!;
        LogPlan(logger, applied.Source, applied.Revision, applied.Sha256[..12]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Plan in force: {Source}, revision {Revision}, sha256 {Digest}")]
    private static partial void LogPlan(ILogger logger, string source, long revision, string digest);
}
