using System.Globalization;
using System.Text;
using EdgePbx.Routing.Evaluation;

namespace EdgePbx.Routing.Cli;

/// <summary>
/// Outcome of <c>edgepbx plan explain</c>. <see cref="ExitCode"/>: 0 explained, 1 the plan does not
/// pass <c>plan check</c> (its findings are rendered), 2 the call arguments are unusable.
/// </summary>
public sealed record PlanExplainResult(
    PlanCheckResult Check,
    RouteDecision? Decision,
    IReadOnlyList<RouteDecision> MenuDecisions,
    string? ArgumentError)
{
    public bool Ok => Check.Ok && Decision is not null && ArgumentError is null;

    public int ExitCode => !Check.Ok ? 1 : ArgumentError is not null ? 2 : 0;

    public string Render()
    {
        if (!Check.Ok)
        {
            return Check.Render();
        }

        if (ArgumentError is not null || Decision is null)
        {
            return "error: " + (ArgumentError ?? "nothing to explain") + "\n";
        }

        var sb = new StringBuilder();
        PlanExplain.AppendDecision(sb, Decision);
        for (var i = 0; i < MenuDecisions.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nafter menu input {i + 1}:\n");
            PlanExplain.AppendDecision(sb, MenuDecisions[i]);
        }

        var warnings = Check.Issues.Count;
        if (warnings > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nplan warnings ({warnings}):\n");
            foreach (var issue in Check.Issues)
            {
                sb.Append("  ").Append(issue).Append('\n');
            }
        }

        return sb.ToString();
    }
}
