using EdgePbx.Routing.Validation;

namespace EdgePbx.Web.Plans;

/// <summary>
/// Outcome of one edit of the routing plan: the revision now in force, or the issues that refused it
/// (the plan in force did not change).
/// </summary>
public sealed record PlanEditResult(bool Ok, long? Revision, IReadOnlyList<PlanIssue> Issues)
{
    public IEnumerable<PlanIssue> Errors => Issues.Where(i => i.Severity == IssueSeverity.Error);
}
