using System.Globalization;
using EdgePbx.Cloud.Apply;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Storage.Plans;
using EdgePbx.Switchboard.Plans;

namespace EdgePbx.Daemon.Cloud;

/// <summary>
/// Where cloud plans land: <see cref="PlanActivation"/> (history + the plan in force). The plan that
/// ran before a new one becomes last-known-good, so a roll-back returns to a plan that took calls.
/// The highest version ever accepted is kept in its own file, because history is pruned and a
/// roll-back lowers the current version while the rolled-back plan stays retained on the broker.
/// </summary>
public sealed class CloudPlanStore(PlanActivation activation, PlanHistory history, DaemonSettings settings) : IPlanStore
{
    private readonly string _highestFile = Path.Combine(settings.DataDirectory, "cloud-highest-version");

    public ValueTask<PlanStoreState> GetStateAsync(CancellationToken cancellationToken)
    {
        long? current = activation.Active.Current is { Revision: > 0 } snapshot ? snapshot.Revision : null;
        long? good = history.LastKnownGood() is { } entry && long.TryParse(entry.Version, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;
        return ValueTask.FromResult(new PlanStoreState(current, good, ReadHighest()));
    }

    public async ValueTask ApplyAsync(AcceptedPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var previous = history.Current();
        var result = await activation.ApplyAsync(plan.PlanJson, plan.Version, $"cloud version {plan.Version}", $"cloud key {plan.KeyId}", cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
        {
            throw new InvalidOperationException($"plan version {plan.Version} passed the cloud check but not activation: {(result.Issues.Count > 0 ? result.Issues[0] : null)}");
        }

        await WriteHighestAsync(Math.Max(ReadHighest(), plan.Version), cancellationToken).ConfigureAwait(false);
        if (previous is not null)
        {
            await history.MarkLastKnownGoodAsync(previous.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<PlanStoreState?> RollbackAsync(CancellationToken cancellationToken)
    {
        var back = await activation.RollBackAsync("cloud", "roll-back requested", cancellationToken).ConfigureAwait(false);
        return back is null ? null : await GetStateAsync(cancellationToken).ConfigureAwait(false);
    }

    private long ReadHighest()
    {
        try
        {
            return long.TryParse(File.ReadAllText(_highestFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    private async Task WriteHighestAsync(long value, CancellationToken cancellationToken)
    {
        // Write then rename: a power cut leaves the old value or the new one, never half a number.
        var temp = _highestFile + ".tmp";
        await File.WriteAllTextAsync(temp, value.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        File.Move(temp, _highestFile, overwrite: true);
    }
}
