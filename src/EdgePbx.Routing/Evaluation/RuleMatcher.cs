using EdgePbx.Routing.Model;
using EdgePbx.Routing.Regions;

namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// Chooses a number's target: the night switch, then the first rule whose conditions all hold (a split
/// picks its branch from the call sequence), else the default. Misses are only put into words for a trace.
/// </summary>
internal static class RuleMatcher
{
    public static string ChooseTarget(ReadOnlySpan<char> caller, CallerRegion region, PlanIndex.IndexedNumber number, CallFacts facts, CallCounters counters, DateTime local, List<string>? trace)
    {
        var entry = number.Entry;
        if (facts.NightMode && entry.Night is not null)
        {
            trace?.Add($"night switch on: {entry.Night}");
            return entry.Night;
        }

        foreach (var rule in number.Rules)
        {
            var miss = RuleMiss(rule, caller, region, local);
            if (miss != Miss.None)
            {
                trace?.Add($"{rule.Label}: no ({Explain(miss, rule, region, local)})");
                continue;
            }

            var r = rule.Rule;
            if (rule.SplitPercents.Length > 0)
            {
                var pick = PercentSlot.Pick(rule.SplitPercents, counters.NumberCallSequence);
                var share = r.Split[pick];
                trace?.Add($"{rule.Label}: yes, split call #{counters.NumberCallSequence} (slot {PercentSlot.For(counters.NumberCallSequence)}) to {share.Target} ({share.Percent} %)");
                return share.Target;
            }

            trace?.Add($"{rule.Label}: yes: {r.Target}");
            return r.Target ?? "hangup";
        }

        trace?.Add($"no rule matched: default {entry.Default}");
        return entry.Default;
    }

    private enum Miss
    {
        None,
        ScheduleMissing,
        Schedule,
        Region,
        Carrier,
        CallerPrefix,
    }

    /// <summary>The first condition of the rule that does not hold, or <see cref="Miss.None"/>.</summary>
    private static Miss RuleMiss(PlanIndex.IndexedRule indexed, ReadOnlySpan<char> caller, CallerRegion region, DateTime local)
    {
        var rule = indexed.Rule;
        if (indexed.ScheduleMissing)
        {
            return Miss.ScheduleMissing;
        }

        if (indexed.Schedule is { } schedule && schedule.IsOpen(local) != rule.WhenOpen)
        {
            return Miss.Schedule;
        }

        if (rule.Regions.Count > 0 && !AnyRegion(rule.Regions, region))
        {
            return Miss.Region;
        }

        if (rule.Carriers.Count > 0 && (region.Carrier is null || !Contains(rule.Carriers, region.Carrier)))
        {
            return Miss.Carrier;
        }

        return rule.CallerPrefixes.Count > 0 && !AnyPrefix(rule.CallerPrefixes, caller) ? Miss.CallerPrefix : Miss.None;
    }

    /// <summary>Why a rule did not match, for the trace (only made when a trace is kept).</summary>
    private static string Explain(Miss miss, PlanIndex.IndexedRule indexed, CallerRegion region, DateTime local)
    {
        var rule = indexed.Rule;
        switch (miss)
        {
            case Miss.ScheduleMissing:
                return $"schedule {rule.Schedule} missing";
            case Miss.Schedule:
                var state = indexed.Schedule!.StateAt(local);
                return $"schedule {rule.Schedule} {(state.Open ? "open" : "closed")}: {state.Reason}";
            case Miss.Region:
                return $"region {(region.Province is null ? "unknown" : region.Province + "/" + (region.City ?? "?"))} not in {string.Join(", ", rule.Regions)}";
            case Miss.Carrier:
                return $"carrier {region.Carrier ?? "unknown"} not in {string.Join(", ", rule.Carriers)}";
            default:
                return $"caller prefix not in {string.Join(", ", rule.CallerPrefixes)}";
        }
    }

    private static bool AnyRegion(IReadOnlyList<string> regions, CallerRegion region)
    {
        for (var i = 0; i < regions.Count; i++)
        {
            if (region.Matches(regions[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyPrefix(IReadOnlyList<string> prefixes, ReadOnlySpan<char> caller)
    {
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (caller.StartsWith(prefixes[i], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
