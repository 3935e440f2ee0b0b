using EdgePbx.Routing.Model;
using EdgePbx.Routing.Regions;

namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// What refuses a call before routing, in order: whitelist-only, blacklist, blocked regions, the
/// per-caller frequency limit (a whitelisted caller passes these), then number and box concurrency and
/// the daily and monthly cost caps (which bind everyone).
/// </summary>
internal static class CallScreening
{
    public static RejectStep? Screen(RoutingPlan plan, ReadOnlySpan<char> caller, CallerRegion region, NumberEntry number, CallCounters counters, List<string>? trace)
    {
        var lists = plan.Lists;
        var whitelisted = lists.Whitelist.Contains(caller);
        trace?.Add($"whitelist: {(whitelisted ? "listed" : "not listed")}");
        if (lists.WhitelistOnly && !whitelisted)
        {
            return Refuse(603, "caller not on the whitelist (whitelist-only plan)", trace);
        }

        if (!whitelisted && lists.Blacklist.Contains(caller))
        {
            return Refuse(603, "caller is blacklisted", trace);
        }

        foreach (var blocked in plan.BlockedRegions)
        {
            if (region.Matches(blocked))
            {
                if (whitelisted)
                {
                    trace?.Add($"region {blocked} is blocked but the caller is whitelisted");
                    break;
                }

                return Refuse(603, $"caller region {blocked} is blocked", trace);
            }
        }

        if (plan.Limits.PerCaller is { } freq && !whitelisted)
        {
            var ok = counters.CallerCallsInWindow < freq.MaxCalls;
            trace?.Add($"frequency: {counters.CallerCallsInWindow} earlier call(s) in {freq.WindowMinutes} min, max {freq.MaxCalls}: {(ok ? "ok" : "over")}");
            if (!ok)
            {
                return Refuse(486, $"caller exceeded {freq.MaxCalls} calls in {freq.WindowMinutes} minutes", trace);
            }
        }

        if (number.MaxConcurrent is { } numberMax && counters.ActiveOnNumber >= numberMax)
        {
            return Refuse(486, $"number busy: {counters.ActiveOnNumber} of {numberMax} concurrent calls", trace);
        }

        if (plan.Limits.MaxConcurrent is { } boxMax && counters.ActiveTotal >= boxMax)
        {
            return Refuse(503, $"box at capacity: {counters.ActiveTotal} of {boxMax} concurrent calls", trace);
        }

        if (plan.Limits.DailyCostCapFen is { } day && counters.CostTodayFen >= day)
        {
            return Refuse(503, $"daily cost cap reached ({counters.CostTodayFen} of {day} fen)", trace);
        }

        if (plan.Limits.MonthlyCostCapFen is { } month && counters.CostThisMonthFen >= month)
        {
            return Refuse(503, $"monthly cost cap reached ({counters.CostThisMonthFen} of {month} fen)", trace);
        }

        trace?.Add("screening passed (lists, regions, frequency, concurrency, cost)");
        return null;
    }

    private static RejectStep Refuse(int code, string reason, List<string>? trace)
    {
        trace?.Add($"refused: {code} {reason}");
        return new RejectStep(code, reason);
    }
}
