using EdgePbx.Routing.Cli;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Regions;
using FsCheck.Xunit;

namespace EdgePbx.Routing.Tests.Properties;

/// <summary>
/// Invariants of the evaluator over generated calls (FsCheck; a failure prints the shrunk call and the
/// seed to replay it). Expected outcomes are worked out here from the plan, not asked of the evaluator.
/// </summary>
[Properties(Arbitrary = [typeof(CallCases)], MaxTest = 400)]
public sealed class EvaluatorProperties
{
    [Property]
    public void A_decision_always_exists_and_every_branch_ends(CallCase call)
    {
        var d = call.Evaluator.Evaluate(call.Facts, call.Counters, call.At);

        Assert.NotEmpty(d.Steps);
        Assert.NotEmpty(d.Trace);
        AssertBranchesEnd(d.Steps);
        AssertBranchesEnd(d.FaxSteps, allowEmpty: true);
    }

    [Property]
    public void Untraced_evaluation_decides_exactly_what_the_traced_one_does(CallCase call)
    {
        var traced = call.Evaluator.Evaluate(call.Facts, call.Counters, call.At, trace: true);
        var fast = call.Evaluator.Evaluate(call.Facts, call.Counters, call.At, trace: false);

        Assert.Empty(fast.Trace);
        Assert.Equal(PlanExplain.Render(traced with { Trace = [] }), PlanExplain.Render(fast));
    }

    [Property]
    public void Every_menu_answer_leads_somewhere(CallCase call)
    {
        string?[] inputs = [null, "0", "1", "2", "3", "9", "*", "#", "101", "104", "999"];
        foreach (var menu in call.Plan.Menus)
        {
            foreach (var input in inputs)
            {
                for (var failed = 0; failed <= menu.Value.Retries + 1; failed++)
                {
                    var d = call.Evaluator.AfterMenu(menu.Key, input, failed, call.Facts, call.Counters, call.At);
                    AssertBranchesEnd(d.Steps);
                    var failure = input is null || (!menu.Value.Options.ContainsKey(input) && !(menu.Value.DirectDial && call.Plan.Extensions.ContainsKey(input)));
                    var fallback = input is null ? menu.Value.OnTimeout : menu.Value.OnInvalid;
                    if (failure && failed < menu.Value.Retries)
                    {
                        var retryPrompt = input is null ? menu.Value.TimeoutPrompt : menu.Value.InvalidPrompt;
                        Assert.Equal(new MenuStep(menu.Key, menu.Value.Prompt, menu.Value.TimeoutSeconds, menu.Value.Retries, menu.Value.DirectDial, retryPrompt), Assert.Single(d.Steps));
                    }
                    else if (failure && d.Steps is [MenuStep again] && again.MenuId == menu.Key)
                    {
                        // Retries spent: the menu may only come back when the plan sends the caller to it.
                        Assert.Equal("menu:" + menu.Key, fallback);
                    }
                }
            }
        }
    }

    [Property]
    public void Blocked_callers_never_reach_anyone(CallCase call)
    {
        var plan = call.Plan;
        var caller = RegionTable.Normalize(call.Caller);
        var whitelisted = Listed(plan.Lists.Whitelist, caller);
        var region = call.Evaluator.RegionOf(call.Caller);
        var blocked = (plan.Lists.WhitelistOnly && !whitelisted)
            || (!whitelisted && Listed(plan.Lists.Blacklist, caller))
            || (!whitelisted && plan.BlockedRegions.Any(r => InRegion(region, r)));
        if (!blocked || !Serves(plan, call.Called))
        {
            return;
        }

        var d = call.Evaluator.Evaluate(call.Facts, call.Counters, call.At, trace: false);

        Assert.True(d.IsRejected, call.ToString());
        Assert.Equal(603, ((RejectStep)d.Steps[0]).SipCode);
        Assert.Empty(d.FaxSteps);
    }

    [Property]
    public void Limits_hold_and_nothing_else_refuses_a_call(CallCase call)
    {
        var plan = call.Plan;
        var k = call.Counters;
        if (!Serves(plan, call.Called))
        {
            return;
        }

        var number = plan.Numbers.TryGetValue(call.Called, out var n) ? n : plan.Numbers[call.Called.Replace("+86", "", StringComparison.Ordinal)];
        var caller = RegionTable.Normalize(call.Caller);
        var whitelisted = Listed(plan.Lists.Whitelist, caller);
        var overLimit = (plan.Limits.PerCaller is { } f && !whitelisted && k.CallerCallsInWindow >= f.MaxCalls)
            || (number.MaxConcurrent is { } perNumber && k.ActiveOnNumber >= perNumber)
            || (plan.Limits.MaxConcurrent is { } box && k.ActiveTotal >= box)
            || (plan.Limits.DailyCostCapFen is { } day && k.CostTodayFen >= day)
            || (plan.Limits.MonthlyCostCapFen is { } month && k.CostThisMonthFen >= month);
        var region = call.Evaluator.RegionOf(call.Caller);
        var listedOut = (plan.Lists.WhitelistOnly && !whitelisted) || (!whitelisted && Listed(plan.Lists.Blacklist, caller))
            || (!whitelisted && plan.BlockedRegions.Any(r => InRegion(region, r)));

        var d = call.Evaluator.Evaluate(call.Facts, call.Counters, call.At);
        var screenedOut = d.Trace.Any(t => t.StartsWith("refused:", StringComparison.Ordinal));

        Assert.Equal(overLimit || listedOut, screenedOut);
        if (overLimit)
        {
            Assert.True(d.IsRejected);
            Assert.Contains(((RejectStep)d.Steps[0]).SipCode, new[] { 486, 503, 603 });
        }

        Assert.Equal(plan.Limits.MaxCallSeconds, d.MaxCallSeconds);
    }

    [Property]
    public void Hunts_ring_only_free_members_of_their_group_each_once(CallCase call)
    {
        var d = call.Evaluator.Evaluate(call.Facts, call.Counters, call.At, trace: false);
        foreach (var hunt in Hunts(d.Steps).Concat(Hunts(d.FaxSteps)))
        {
            Assert.Equal(hunt.Legs.Count, hunt.Legs.Select(l => l.Target).Distinct().Count());
            if (!hunt.Source.StartsWith("group:", StringComparison.Ordinal))
            {
                continue;
            }

            var group = call.Plan.Groups[hunt.Source["group:".Length..]];
            Assert.NotEmpty(hunt.Legs);
            foreach (var leg in hunt.Legs)
            {
                Assert.Contains(group.Members, m => m.Target == leg.Target);
                Assert.False(group.SkipBusy && call.Counters.BusyMembers.Contains(leg.Target), $"busy {leg.Target} rung in {call}");
                Assert.False(leg.Target.StartsWith("ext:", StringComparison.Ordinal) && call.Plan.Extensions[leg.Target[4..]].DoNotDisturb);
            }

            Assert.True(group.MaxWaiting == 0 || call.Counters.Waiting.GetValueOrDefault(hunt.Source[6..]) < group.MaxWaiting);
        }
    }

    [Property]
    public void Weighted_groups_give_each_member_exactly_its_weight_of_any_100_consecutive_calls(CallCase call)
    {
        foreach (var (id, group) in call.Plan.Groups.Where(g => g.Value.Strategy == HuntStrategy.Weighted))
        {
            // Only the group is under test here: no lists, regions or limits in the way.
            var plan = call.Plan with { Numbers = new Dictionary<string, NumberEntry> { ["1"] = new("group:" + id) }, Lists = new(), BlockedRegions = [], Limits = new() };
            var evaluator = new RouteEvaluator(plan);
            var start = call.Counters.NumberCallSequence;
            var firsts = new Dictionary<string, int>();
            for (var seq = start; seq < start + 100; seq++)
            {
                var counters = new CallCounters { GroupCallSequence = new Dictionary<string, long> { [id] = seq } };
                var hunt = (HuntStep)evaluator.Evaluate(new CallFacts(call.Caller, "1"), counters, call.At, trace: false).Steps[0];
                firsts[hunt.Legs[0].Target] = firsts.GetValueOrDefault(hunt.Legs[0].Target) + 1;
            }

            Assert.All(group.Members, m => Assert.Equal(m.Weight, firsts.GetValueOrDefault(m.Target)));
        }
    }

    private static bool Serves(RoutingPlan plan, string called) =>
        plan.Numbers.ContainsKey(called) || (called.StartsWith("+86", StringComparison.Ordinal) && plan.Numbers.ContainsKey(called[3..]));

    private static bool Listed(NumberList list, string caller) =>
        list.Numbers.Contains(caller) || list.Prefixes.Any(p => caller.StartsWith(p, StringComparison.Ordinal));

    private static bool InRegion(CallerRegion region, string pattern)
    {
        var parts = pattern.Split('/');
        return string.Equals(region.Province, parts[0], StringComparison.OrdinalIgnoreCase)
            && (parts.Length == 1 || string.Equals(region.City, parts[1], StringComparison.OrdinalIgnoreCase));
    }

    private static IEnumerable<HuntStep> Hunts(IReadOnlyList<RouteStep> steps)
    {
        foreach (var s in steps)
        {
            if (s is HuntStep h)
            {
                yield return h;
                foreach (var inner in Hunts(h.OnNoAnswer))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Every branch ends in something the engine can finish a call with.</summary>
    private static void AssertBranchesEnd(IReadOnlyList<RouteStep> steps, bool allowEmpty = false)
    {
        if (allowEmpty && steps.Count == 0)
        {
            return;
        }

        Assert.NotEmpty(steps);
        Assert.IsNotType<WelcomeStep>(steps[^1]);
        foreach (var s in steps)
        {
            if (s is HuntStep h)
            {
                Assert.NotEmpty(h.Legs);
                AssertBranchesEnd(h.OnNoAnswer);
            }
        }
    }
}
