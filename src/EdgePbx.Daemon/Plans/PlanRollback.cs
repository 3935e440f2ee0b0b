using EdgePbx.Storage.Database;
using EdgePbx.Storage.Plans;
using EdgePbx.Switchboard.Plans;

namespace EdgePbx.Daemon.Plans;

/// <summary>
/// <c>edgepbx plan rollback</c>: makes the last-known-good plan of the box's plan history current again,
/// through the same <see cref="PlanActivation"/> the daemon uses (so a last-known-good plan that no
/// longer validates is refused and nothing changes). The database is WAL, so this is safe while the
/// daemon runs; the daemon puts the plan in force on SIGHUP (<see cref="PlanReloadService"/>) or at
/// its next start. The cloud's replay guard (highest version ever accepted) is untouched, so the
/// rolled-back version, still retained on the broker, is not taken again.
/// </summary>
public static class PlanRollback
{
    public static async Task<PlanRollbackResult> RunAsync(string dataDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(dataDirectory);
        if (!File.Exists(Path.Combine(full, PbxDatabase.FileName)))
        {
            return PlanRollbackResult.Refused($"no box database in '{full}' (give the data directory with --data)");
        }

        using var database = PbxDatabase.Open(full, time);
        var history = new PlanHistory(database);
        var current = history.Current();
        var good = history.LastKnownGood();
        if (good is null)
        {
            return PlanRollbackResult.Refused("the plan history has no last-known-good plan; nothing changed");
        }

        if (current is not null && current.Id == good.Id)
        {
            return PlanRollbackResult.Done($"version {good.Version} is already the current plan; nothing changed");
        }

        using var activation = new PlanActivation(new ActivePlan(), history, time);
        var back = await activation.RollBackAsync("cli", "edgepbx plan rollback", cancellationToken).ConfigureAwait(false);
        if (back is null)
        {
            return PlanRollbackResult.Refused($"last-known-good version {good.Version} does not validate any more; nothing changed");
        }

        return PlanRollbackResult.Done(
            $"rolled back from version {current?.Version ?? "-"} to version {good.Version}; a running daemon takes it on SIGHUP (systemctl reload edgepbx), otherwise at its next start");
    }
}
