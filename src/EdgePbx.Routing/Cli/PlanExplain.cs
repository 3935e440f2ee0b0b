using System.Globalization;
using System.Text;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Cli;

/// <summary><c>edgepbx plan explain</c>: the decision and its trace as text an installer can read.</summary>
public static class PlanExplain
{
    public static string Run(RoutingPlan plan, CallFacts facts, CallCounters counters, DateTimeOffset at)
    {
        var decision = new RouteEvaluator(plan).Evaluate(facts, counters, at);
        return Render(decision);
    }

    public static string Render(RouteDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var sb = new StringBuilder();
        sb.Append("trace:\n");
        foreach (var line in decision.Trace)
        {
            sb.Append("  - ").Append(line).Append('\n');
        }

        sb.Append("decision:\n");
        AppendSteps(sb, decision.Steps, 1);
        if (decision.FaxSteps.Count > 0)
        {
            sb.Append("fax:\n");
            AppendSteps(sb, decision.FaxSteps, 1);
        }

        if (decision.MaxCallSeconds is { } max)
        {
            sb.Append(CultureInfo.InvariantCulture, $"max call length: {max} s\n");
        }

        return sb.ToString();
    }

    private static void AppendSteps(StringBuilder sb, IReadOnlyList<RouteStep> steps, int depth)
    {
        var pad = new string(' ', depth * 2);
        for (var i = 0; i < steps.Count; i++)
        {
            sb.Append(pad).Append(CultureInfo.InvariantCulture, $"{i + 1}. ").Append(Describe(steps[i])).Append('\n');
            if (steps[i] is HuntStep hunt)
            {
                foreach (var leg in hunt.Legs)
                {
                    sb.Append(pad).Append(CultureInfo.InvariantCulture, $"     ring {leg.Target} after {leg.DelaySeconds} s for {leg.RingSeconds} s\n");
                }

                sb.Append(pad).Append("   if nobody answers:\n");
                AppendSteps(sb, hunt.OnNoAnswer, depth + 2);
            }
        }
    }

    private static string Describe(RouteStep step) => step switch
    {
        WelcomeStep w => $"play welcome {w.Audio}",
        MenuStep m => $"menu {m.MenuId}: prompt {m.Prompt}, {m.TimeoutSeconds} s timeout, {m.Retries} retries{(m.DirectDial ? ", direct dial" : "")}",
        HuntStep h => $"hunt {h.Source} ({h.Strategy}, {(h.Simultaneous ? "together" : "in turn")}, {h.Repeat} time(s), ringback {h.Ringback})",
        VoicemailStep v => $"voicemail box {v.Box}",
        ForwardStep f => $"forward to {f.Number}",
        RejectStep r => $"reject {r.SipCode}: {r.Reason}",
        HangupStep => "hang up",
        _ => step.ToString(),
    };
}
