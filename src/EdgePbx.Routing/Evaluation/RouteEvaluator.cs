using System.Globalization;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Regions;

namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// The pure evaluator: (plan, call facts, counters, now) → decision. Build one per plan (it resolves the
/// time zone, compiles schedules and rules and prepares every route that does not depend on the call)
/// and call it for every call, from any thread; it holds no mutable state.
/// Expects a plan that passed <see cref="Validation.PlanValidator"/>.
/// </summary>
public sealed class RouteEvaluator
{
    private static readonly string[] NoTrace = [];

    private readonly RoutingPlan _plan;
    private readonly TimeZoneInfo _zone;
    private readonly PlanIndex _index;

    // Zones without daylight saving or offset changes since FixedSince (Asia/Shanghai since 1991) turn
    // UTC into local time with one addition instead of a search of the zone's rules.
    private static readonly DateTime FixedSince = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TimeSpan? _fixedOffset;

    public RouteEvaluator(RoutingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _plan = plan;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(plan.TimeZone);
        _fixedOffset = FixedOffset(_zone);
        _index = new PlanIndex(plan);
        ReadsBusyMembers = plan.Groups.Values.Any(g => g.SkipBusy);
    }

    public RoutingPlan Plan => _plan;

    /// <summary>
    /// Some group of the plan skips busy members, so evaluation reads <see cref="CallCounters.BusyMembers"/>;
    /// without one the engine need not gather them for every call.
    /// </summary>
    public bool ReadsBusyMembers { get; }

    public CallerRegion RegionOf(string caller) => _index.Regions.Lookup(caller);

    /// <summary>The plan's local wall-clock time at <paramref name="now"/> (what schedules are judged by).</summary>
    public DateTime LocalTime(DateTimeOffset now) =>
        _fixedOffset is { } offset && now.UtcDateTime >= FixedSince
            ? DateTime.SpecifyKind(now.UtcDateTime.Add(offset), DateTimeKind.Unspecified)
            : TimeZoneInfo.ConvertTime(now, _zone).DateTime;

    private static TimeSpan? FixedOffset(TimeZoneInfo zone)
    {
        foreach (var rule in zone.GetAdjustmentRules())
        {
            if (rule.DateEnd >= FixedSince.AddDays(-1) && (rule.DaylightDelta != TimeSpan.Zero || rule.BaseUtcOffsetDelta != TimeSpan.Zero))
            {
                return null;
            }
        }

        // Belt and braces: the shortcut must agree with the zone's own answer where it will be used.
        foreach (var year in (ReadOnlySpan<int>)[2000, 2026, 2040, 2099])
        {
            if (zone.GetUtcOffset(new DateTime(year, 7, 1, 0, 0, 0, DateTimeKind.Utc)) != zone.BaseUtcOffset
                || zone.GetUtcOffset(new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc)) != zone.BaseUtcOffset)
            {
                return null;
            }
        }

        return zone.BaseUtcOffset;
    }

    /// <summary>Evaluates with a trace (for <c>plan explain</c>, logs and tests).</summary>
    public RouteDecision Evaluate(CallFacts facts, CallCounters counters, DateTimeOffset now) =>
        Evaluate(facts, counters, now, trace: true);

    /// <summary>
    /// Evaluates a new call. With <paramref name="trace"/> false the decision's trace is empty and no trace
    /// text is made: the engine's path, which for a route that does not depend on the call allocates
    /// nothing but the decision itself.
    /// </summary>
    public RouteDecision Evaluate(CallFacts facts, CallCounters counters, DateTimeOffset now, bool trace)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(counters);
        var lines = trace ? new List<string>() : null;
        var local = LocalTime(now);
        lines?.Add($"call from {facts.Caller} to {facts.Called} at {local.ToString("yyyy-MM-dd HH:mm ddd", CultureInfo.InvariantCulture)} {_plan.TimeZone}");

        var number = _index.FindNumber(facts.Called);
        if (number is null)
        {
            lines?.Add($"number {facts.Called} is not in the plan");
            return Reject(404, "number not served", lines);
        }

        var region = _index.Regions.Lookup(facts.Caller);
        lines?.Add($"caller region: {region}");
        Span<char> buffer = stackalloc char[32];
        var caller = RegionTable.Normalize(facts.Caller, buffer);

        if (CallScreening.Screen(_plan, caller, region, number.Entry, counters, lines) is { } refusal)
        {
            return Reject(refusal.SipCode, refusal.Reason, lines);
        }

        var target = RuleMatcher.ChooseTarget(caller, region, number, facts, counters, local, lines);
        IReadOnlyList<RouteStep>? steps = lines is null ? number.StaticRoute(target) : null;
        TargetResolver? resolver = null;
        if (steps is null)
        {
            resolver = new TargetResolver(_index, local, facts, counters, number.Entry, lines);
            var list = new List<RouteStep>(4);
            if (number.Welcome is not null)
            {
                lines?.Add($"welcome audio {number.Welcome.Audio}");
                list.Add(number.Welcome);
            }

            list.AddRange(resolver.Resolve(target));
            steps = list;
        }

        IReadOnlyList<RouteStep> fax = lines is null && number.StaticFax is { } staticFax
            ? staticFax
            : number.Entry.Fax is null ? [] : (resolver ?? new TargetResolver(_index, local, facts, counters, number.Entry, lines)).Resolve(number.Entry.Fax);
        return new RouteDecision(steps, (IReadOnlyList<string>?)lines ?? NoTrace, _plan.Limits.MaxCallSeconds, fax, _plan.Tariff);
    }

    /// <summary>
    /// The next decision after a menu: <paramref name="digits"/> pressed, or null when the caller let the
    /// retries run out on timeouts. Invalid digits go to the menu's invalid target at once. Direct
    /// dialling reaches an extension when the menu allows it.
    /// </summary>
    public RouteDecision AfterMenu(string menuId, string? digits, CallFacts facts, CallCounters counters, DateTimeOffset now)
    {
        var retries = _plan.Menus.TryGetValue(menuId ?? "", out var menu) ? menu.Retries : 0;
        return AfterMenu(menuId!, digits, retries, facts, counters, now);
    }

    /// <summary>
    /// The next decision after one try at a menu. <paramref name="digits"/> is what the caller entered, or
    /// null on a timeout; <paramref name="failedTries"/> counts the earlier timeouts and invalid entries
    /// of this visit (0 on the first). A timeout or invalid entry with retries left plays the menu again
    /// (the decision is the <see cref="MenuStep"/>); once they are spent the call goes to the menu's
    /// timeout or invalid target (hang up when none). Options match the whole entry; otherwise, with direct
    /// dialling on, an entry that is an extension number rings that extension.
    /// </summary>
    public RouteDecision AfterMenu(string menuId, string? digits, int failedTries, CallFacts facts, CallCounters counters, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(menuId);
        ArgumentNullException.ThrowIfNull(facts);
        var trace = new List<string>();
        var local = LocalTime(now);
        var number = _index.FindNumber(facts.Called);
        var resolver = new TargetResolver(_index, local, facts, counters ?? CallCounters.None, number?.Entry, trace);
        if (!_plan.Menus.TryGetValue(menuId, out var menu))
        {
            trace.Add($"menu {menuId} does not exist");
            return Reject(404, "unknown menu", trace);
        }

        string target;
        if (digits is not null && menu.Options.TryGetValue(digits, out var option))
        {
            target = option;
            trace.Add($"menu {menuId}: digit {digits}: {target}");
        }
        else if (digits is not null && menu.DirectDial && _plan.Extensions.ContainsKey(digits))
        {
            target = "ext:" + digits;
            trace.Add($"menu {menuId}: direct dial extension {digits}");
        }
        else
        {
            var what = digits is null ? "no digits" : $"invalid input {digits}";
            var tries = failedTries + 1;
            if (tries <= menu.Retries)
            {
                trace.Add($"menu {menuId}: {what}, retry {tries} of {menu.Retries}: play the menu again");
                var retry = TargetResolver.MenuStep(menuId, menu) with { RetryPrompt = digits is null ? menu.TimeoutPrompt : menu.InvalidPrompt };
                return new RouteDecision([retry], trace, _plan.Limits.MaxCallSeconds, [], _plan.Tariff);
            }

            target = (digits is null ? menu.OnTimeout : menu.OnInvalid) ?? "hangup";
            trace.Add($"menu {menuId}: {what} after {menu.Retries} retries: {target}");
        }

        return new RouteDecision(resolver.Resolve(target), trace, _plan.Limits.MaxCallSeconds, [], _plan.Tariff);
    }

    private RouteDecision Reject(int code, string reason, List<string>? trace) =>
        new([new RejectStep(code, reason)], (IReadOnlyList<string>?)trace ?? NoTrace, _plan.Limits.MaxCallSeconds, [], _plan.Tariff);
}
