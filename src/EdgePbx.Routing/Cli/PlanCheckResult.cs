using EdgePbx.Routing.Model;
using EdgePbx.Routing.Validation;

namespace EdgePbx.Routing.Cli;

/// <summary>Outcome of <c>edgepbx plan check</c>: the plan when it is usable, and every finding.</summary>
public sealed record PlanCheckResult(RoutingPlan? Plan, IReadOnlyList<PlanIssue> Issues)
{
    /// <summary>True when the plan parsed and has no errors (warnings allowed); the CLI exits 1 otherwise.</summary>
    public bool Ok => Plan is not null && !Issues.Any(i => i.Severity == IssueSeverity.Error);

    /// <summary>The process exit code for <c>plan check</c>: 0 usable, 1 rejected.</summary>
    public int ExitCode => Ok ? 0 : 1;

    public IEnumerable<PlanIssue> Errors => Issues.Where(i => i.Severity == IssueSeverity.Error);

    /// <summary>The report the CLI prints: one line per finding, then a summary line.</summary>
    public string Render()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var issue in Issues)
        {
            sb.Append(issue).Append('\n');
        }

        var errors = Errors.Count();
        var warnings = Issues.Count - errors;
        sb.Append(Ok ? "plan OK" : "plan REJECTED")
          .Append(System.Globalization.CultureInfo.InvariantCulture, $" ({errors} error(s), {warnings} warning(s))\n");
        return sb.ToString();
    }
}
