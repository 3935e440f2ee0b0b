using System.Globalization;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Regions;
using EdgePbx.Routing.Schedules;

namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// The pure evaluator: (plan, call facts, counters, now) → decision. Build one per plan (it resolves the
/// time zone and region table once) and call it for every call; it holds no mutable state.
/// Expects a plan that passed <see cref="Validation.PlanValidator"/>.
/// </summary>
public sealed class RouteEvaluator
{
    private readonly RoutingPlan _plan;
    private readonly TimeZoneInfo _zone;
    private readonly RegionTable _regions;

    public RouteEvaluator(RoutingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(plan.TimeZone);
        _regions = new RegionTable(plan.RegionPrefixes);
    }

    public RoutingPlan Plan => _plan;

    public CallerRegion RegionOf(string caller) => _regions.Lookup(caller);

    public RouteDecision Evaluate(CallFacts facts, CallCounters counters, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(counters);
        var trace = new List<string>();
        var local = TimeZoneInfo.ConvertTime(now, _zone).DateTime;
        trace.Add($"call from {facts.Caller} to {facts.Called} at {local.ToString("yyyy-MM-dd HH:mm ddd", CultureInfo.InvariantCulture)} {_plan.TimeZone}");

        var called = RegionTable.Normalize(facts.Called);
        if (!_plan.Numbers.TryGetValue(facts.Called, out var number) && !_plan.Numbers.TryGetValue(called, out number))
        {
            trace.Add($"number {facts.Called} is not in the plan");
            return Reject(404, "number not served", trace);
        }

        var region = _regions.Lookup(facts.Caller);
        trace.Add($"caller region: {region}");
        var caller = RegionTable.Normalize(facts.Caller);

        if (Screen(caller, region, number, counters, trace) is { } refusal)
        {
            return Reject(refusal.SipCode, refusal.Reason, trace);
        }

        var resolver = new TargetResolver(_plan, local, facts, counters, number, trace);
        var steps = new List<RouteStep>();
        if (number.Welcome is not null)
        {
            trace.Add($"welcome audio {number.Welcome}");
            steps.Add(new WelcomeStep(number.Welcome));
        }

        steps.AddRange(resolver.Resolve(ChooseTarget(caller, region, number, facts, counters, local, trace)));
        var fax = number.Fax is null ? [] : resolver.Resolve(number.Fax);
        return new RouteDecision(steps, trace, _plan.Limits.MaxCallSeconds, fax, _plan.Tariff);
    }

    /// <summary>
    /// The next decision after a menu: <paramref name="digits"/> pressed, or null when the caller let the
    /// retries run out on timeouts. Direct dialling reaches an extension when the menu allows it.
    /// </summary>
    public RouteDecision AfterMenu(string menuId, string? digits, CallFacts facts, CallCounters counters, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var trace = new List<string>();
        var local = TimeZoneInfo.ConvertTime(now, _zone).DateTime;
        _plan.Numbers.TryGetValue(facts.Called, out var number);
        var resolver = new TargetResolver(_plan, local, facts, counters ?? CallCounters.None, number, trace);
        if (!_plan.Menus.TryGetValue(menuId, out var menu))
        {
            trace.Add($"menu {menuId} does not exist");
            return Reject(404, "unknown menu", trace);
        }

        string target;
        if (digits is null)
        {
            target = menu.OnTimeout ?? "hangup";
            trace.Add($"menu {menuId}: no digits after {menu.Retries} retries: {target}");
        }
        else if (menu.Options.TryGetValue(digits, out var option))
        {
            target = option;
            trace.Add($"menu {menuId}: digit {digits}: {target}");
        }
        else if (menu.DirectDial && _plan.Extensions.ContainsKey(digits))
        {
            target = "ext:" + digits;
            trace.Add($"menu {menuId}: direct dial extension {digits}");
        }
        else
        {
            target = menu.OnInvalid ?? "hangup";
            trace.Add($"menu {menuId}: invalid input {digits}: {target}");
        }

        return new RouteDecision(resolver.Resolve(target), trace, _plan.Limits.MaxCallSeconds, [], _plan.Tariff);
    }

    private RejectStep? Screen(string caller, CallerRegion region, NumberEntry number, CallCounters counters, List<string> trace)
    {
        var lists = _plan.Lists;
        var whitelisted = lists.Whitelist.Contains(caller);
        trace.Add($"whitelist: {(whitelisted ? "listed" : "not listed")}");
        if (lists.WhitelistOnly && !whitelisted)
        {
            return Refuse(603, "caller not on the whitelist (whitelist-only plan)", trace);
        }

        if (!whitelisted && lists.Blacklist.Contains(caller))
        {
            return Refuse(603, "caller is blacklisted", trace);
        }

        foreach (var blocked in _plan.BlockedRegions)
        {
            if (region.Matches(blocked))
            {
                if (whitelisted)
                {
                    trace.Add($"region {blocked} is blocked but the caller is whitelisted");
                    break;
                }

                return Refuse(603, $"caller region {blocked} is blocked", trace);
            }
        }

        if (_plan.Limits.PerCaller is { } freq && !whitelisted)
        {
            var ok = counters.CallerCallsInWindow < freq.MaxCalls;
            trace.Add($"frequency: {counters.CallerCallsInWindow} earlier call(s) in {freq.WindowMinutes} min, max {freq.MaxCalls}: {(ok ? "ok" : "over")}");
            if (!ok)
            {
                return Refuse(486, $"caller exceeded {freq.MaxCalls} calls in {freq.WindowMinutes} minutes", trace);
            }
        }

        if (number.MaxConcurrent is { } numberMax && counters.ActiveOnNumber >= numberMax)
        {
            return Refuse(486, $"number busy: {counters.ActiveOnNumber} of {numberMax} concurrent calls", trace);
        }

        if (_plan.Limits.MaxConcurrent is { } boxMax && counters.ActiveTotal >= boxMax)
        {
            return Refuse(503, $"box at capacity: {counters.ActiveTotal} of {boxMax} concurrent calls", trace);
        }

        if (_plan.Limits.DailyCostCapFen is { } day && counters.CostTodayFen >= day)
        {
            return Refuse(503, $"daily cost cap reached ({counters.CostTodayFen} of {day} fen)", trace);
        }

        if (_plan.Limits.MonthlyCostCapFen is { } month && counters.CostThisMonthFen >= month)
        {
            return Refuse(503, $"monthly cost cap reached ({counters.CostThisMonthFen} of {month} fen)", trace);
        }

        trace.Add("screening passed (lists, regions, frequency, concurrency, cost)");
        return null;
    }

    private string ChooseTarget(string caller, CallerRegion region, NumberEntry number, CallFacts facts, CallCounters counters, DateTime local, List<string> trace)
    {
        if (facts.NightMode && number.Night is not null)
        {
            trace.Add($"night switch on: {number.Night}");
            return number.Night;
        }

        for (var i = 0; i < number.Rules.Count; i++)
        {
            var rule = number.Rules[i];
            var label = $"rule {i + 1}{(rule.Name is null ? "" : " \"" + rule.Name + "\"")}";
            if (RuleMiss(rule, caller, region, local) is { } miss)
            {
                trace.Add($"{label}: no ({miss})");
                continue;
            }

            if (rule.Split.Count > 0)
            {
                var pick = PercentSlot.Pick(rule.Split.Select(s => s.Percent).ToList(), counters.NumberCallSequence);
                var share = rule.Split[pick];
                trace.Add($"{label}: yes, split call #{counters.NumberCallSequence} (slot {PercentSlot.For(counters.NumberCallSequence)}) to {share.Target} ({share.Percent} %)");
                return share.Target;
            }

            trace.Add($"{label}: yes: {rule.Target}");
            return rule.Target ?? "hangup";
        }

        trace.Add($"no rule matched: default {number.Default}");
        return number.Default;
    }

    private string? RuleMiss(RouteRule rule, string caller, CallerRegion region, DateTime local)
    {
        if (rule.Schedule is not null)
        {
            if (!_plan.Schedules.TryGetValue(rule.Schedule, out var schedule))
            {
                return $"schedule {rule.Schedule} missing";
            }

            var state = ScheduleClock.StateAt(schedule, local);
            if (state.Open != rule.WhenOpen)
            {
                return $"schedule {rule.Schedule} {(state.Open ? "open" : "closed")}: {state.Reason}";
            }
        }

        if (rule.Regions.Count > 0 && !rule.Regions.Any(region.Matches))
        {
            return $"region not in {string.Join(", ", rule.Regions)}";
        }

        if (rule.Carriers.Count > 0 && (region.Carrier is null || !rule.Carriers.Contains(region.Carrier)))
        {
            return $"carrier {region.Carrier ?? "unknown"} not in {string.Join(", ", rule.Carriers)}";
        }

        if (rule.CallerPrefixes.Count > 0 && !rule.CallerPrefixes.Any(p => caller.StartsWith(p, StringComparison.Ordinal)))
        {
            return "caller prefix not listed";
        }

        return null;
    }

    private static RejectStep Refuse(int code, string reason, List<string> trace)
    {
        trace.Add($"refused: {code} {reason}");
        return new RejectStep(code, reason);
    }

    private RouteDecision Reject(int code, string reason, List<string> trace) =>
        new([new RejectStep(code, reason)], trace, _plan.Limits.MaxCallSeconds, [], _plan.Tariff);
}
