using System.Globalization;
using System.Text;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Cli;

/// <summary>
/// <c>edgepbx plan explain FILE --caller N --called N --at ISO [--night] [--press KEYS]...</c> without
/// the file: what the plan does with one call and why, as text an installer can read.
/// </summary>
public static class PlanExplain
{
    /// <summary>The word for "the caller pressed nothing" in <c>menuInputs</c>.</summary>
    public const string Timeout = "timeout";

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    /// <summary>
    /// Checks the plan, then evaluates one call. <paramref name="at"/> is ISO 8601; with an offset
    /// ("2026-11-29T23:00+08:00", "...Z") it is that instant, without one ("2026-11-29T23:00") it is the
    /// plan's local time. <paramref name="menuInputs"/> answers the menus the call reaches, one entry per
    /// menu prompt: keys ("1", "102") or <see cref="Timeout"/>. Never throws on bad input.
    /// </summary>
    public static PlanExplainResult Run(
        ReadOnlySpan<byte> planJson,
        string caller,
        string called,
        string at,
        bool night = false,
        IReadOnlyList<string>? menuInputs = null,
        CallCounters? counters = null)
    {
        var check = PlanCheck.Run(planJson);
        if (!check.Ok)
        {
            return new PlanExplainResult(check, null, [], null);
        }

        var plan = check.Plan!;
        if (string.IsNullOrWhiteSpace(caller) || string.IsNullOrWhiteSpace(called))
        {
            return new PlanExplainResult(check, null, [], "both --caller and --called are needed");
        }

        if (!TryParseAt(at, plan.TimeZone, out var instant))
        {
            return new PlanExplainResult(check, null, [],
                $"--at \"{at}\" is not an ISO 8601 time (2026-11-29T23:00+08:00, or 2026-11-29T23:00 for the plan's {plan.TimeZone} time)");
        }

        var facts = new CallFacts(caller.Trim(), called.Trim()) { NightMode = night };
        var evaluator = new RouteEvaluator(plan);
        counters ??= CallCounters.None;
        var decision = evaluator.Evaluate(facts, counters, instant);
        var after = new List<RouteDecision>();
        var last = decision;
        var failed = 0;
        string? previousMenu = null;
        foreach (var input in menuInputs ?? [])
        {
            if (last.Steps.Count == 0 || last.Steps[^1] is not MenuStep menu)
            {
                break;
            }

            failed = menu.MenuId == previousMenu ? failed : 0;
            var digits = string.Equals(input, Timeout, StringComparison.OrdinalIgnoreCase) ? null : input.Trim();
            last = evaluator.AfterMenu(menu.MenuId, digits, failed, facts, counters, instant);
            after.Add(last);
            var replayed = last.Steps.Count == 1 && last.Steps[0] is MenuStep again && again.MenuId == menu.MenuId;
            failed = replayed ? failed + 1 : 0;
            previousMenu = menu.MenuId;
        }

        return new PlanExplainResult(check, decision, after, null);
    }

    /// <summary>Parses <c>--at</c>: an ISO 8601 instant, or a local time in <paramref name="timeZone"/>.</summary>
    public static bool TryParseAt(string? text, string timeZone, out DateTimeOffset instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text) || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            return false;
        }

        text = text.Trim();
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (zone.IsInvalidTime(local))
            {
                return false; // skipped by a daylight-saving change
            }

            instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
            return true;
        }

        return DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>Evaluates one call against an already checked plan and renders it (no menu inputs).</summary>
    public static string Run(RoutingPlan plan, CallFacts facts, CallCounters counters, DateTimeOffset at)
    {
        var decision = new RouteEvaluator(plan).Evaluate(facts, counters, at);
        return Render(decision);
    }

    /// <summary>A decision and its trace as text: what happens, then every rule considered and why.</summary>
    public static string Render(RouteDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var sb = new StringBuilder();
        AppendDecision(sb, decision);
        return sb.ToString();
    }

    internal static void AppendDecision(StringBuilder sb, RouteDecision decision)
    {
        sb.Append(decision.IsRejected ? "decision: REFUSED\n" : "decision:\n");
        AppendSteps(sb, decision.Steps, 1);
        if (decision.FaxSteps.Count > 0)
        {
            sb.Append("if the call is a fax:\n");
            AppendSteps(sb, decision.FaxSteps, 1);
        }

        if (decision.MaxCallSeconds is { } max)
        {
            sb.Append(CultureInfo.InvariantCulture, $"max call length: {max} s\n");
        }

        if (decision.Trace.Count > 0)
        {
            sb.Append("why (every check and rule, in order):\n");
            foreach (var line in decision.Trace)
            {
                sb.Append("  - ").Append(line).Append('\n');
            }
        }
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
                    sb.Append(pad).Append(CultureInfo.InvariantCulture, $"     ring {leg.Target}")
                      .Append(leg.DelaySeconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" after {leg.DelaySeconds} s") : "")
                      .Append(CultureInfo.InvariantCulture, $" for {leg.RingSeconds} s\n");
                }

                if (hunt.NextRoundRobinCursor is { } cursor)
                {
                    sb.Append(pad).Append(CultureInfo.InvariantCulture, $"     (round robin: the next call starts after member {cursor + 1})\n");
                }

                sb.Append(pad).Append("   if nobody answers:\n");
                AppendSteps(sb, hunt.OnNoAnswer, depth + 2);
            }
        }
    }

    private static string Describe(RouteStep step) => step switch
    {
        WelcomeStep w => $"play welcome audio {w.Audio} (before answering)",
        MenuStep m => $"menu {m.MenuId}: play {m.RetryPrompt ?? m.Prompt}, wait {m.TimeoutSeconds} s for keys, {m.Retries} retries{(m.DirectDial ? ", extensions can be dialled directly" : "")}",
        HuntStep h => $"ring {h.Source} ({StrategyWords(h.Strategy)}, {(h.Simultaneous ? "together" : "one after another")}, {h.Repeat} time(s), caller hears {(h.Ringback == RingbackKind.Audio ? "audio " + h.RingbackAudio : "the ring tone")})",
        VoicemailStep v => $"voicemail box {v.Box}",
        ForwardStep f => $"forward to {f.Number} through the trunk",
        RejectStep r => $"refuse with SIP {r.SipCode}: {r.Reason}",
        HangupStep => "hang up",
        BackStep => "back to the menu the caller came from",
        _ => step.ToString(),
    };

    private static string StrategyWords(HuntStrategy s) => s switch
    {
        HuntStrategy.Sequential => "sequential",
        HuntStrategy.RoundRobin => "round robin",
        HuntStrategy.RingAll => "ring all",
        HuntStrategy.Weighted => "weighted",
        HuntStrategy.LeastRecent => "least recently called first",
        HuntStrategy.FewestCalls => "fewest calls first",
        HuntStrategy.Random => "random order",
        _ => "custom delays",
    };
}
