namespace EdgePbx.Cloud.Apply;

/// <summary>
/// Durable plan history. The daemon implements it over EdgePbx.Storage (SQLite) and swaps the
/// in-memory routing plan inside <see cref="ApplyAsync"/> after the commit, so running calls keep
/// the plan object they started with and new calls take the new one.
/// </summary>
public interface IPlanStore
{
    ValueTask<PlanStoreState> GetStateAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Atomically makes <paramref name="plan"/> current: the previous current becomes last-known-good
    /// and the highest accepted version rises. Either all of that happens or nothing does (throwing).
    /// </summary>
    ValueTask ApplyAsync(AcceptedPlan plan, CancellationToken cancellationToken);

    /// <summary>Makes last-known-good current again. Returns the new state, or null when there is none.</summary>
    ValueTask<PlanStoreState?> RollbackAsync(CancellationToken cancellationToken);
}
