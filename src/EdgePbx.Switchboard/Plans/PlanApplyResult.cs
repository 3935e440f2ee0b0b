using EdgePbx.Routing.Validation;

namespace EdgePbx.Switchboard.Plans;

/// <summary>
/// Outcome of offering a plan: <see cref="Applied"/> is the new snapshot, or null when the plan was
/// refused, in which case <see cref="Issues"/> holds the errors and nothing changed.
/// </summary>
public sealed record PlanApplyResult(PlanSnapshot? Applied, IReadOnlyList<PlanIssue> Issues)
{
    public bool Ok => Applied is not null;
}
