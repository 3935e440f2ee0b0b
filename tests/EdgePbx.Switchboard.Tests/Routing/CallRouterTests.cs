using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Switchboard.Routing;
using EdgePbx.Switchboard.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Routing;

/// <summary>Decisions plus the live counters the engine keeps, on a FakeTimeProvider.</summary>
public sealed class CallRouterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
    private readonly LineBoard _lines;
    private readonly CallRouter _router;

    public CallRouterTests()
    {
        _lines = new LineBoard(new EngineEvents(), _time);
        _router = new CallRouter(_time, _lines, TimeSpan.FromDays(1));
    }

    private static PlanSnapshot Snapshot(RoutingPlan plan) => new(plan, 1, "test", "0", DateTimeOffset.UnixEpoch);

    private RouteResult Route(PlanSnapshot plan, string caller = "13912345678") =>
        _router.Route(plan, new CallFacts(caller, TestPlans.Main), 403);

    [Fact]
    public void Round_robin_moves_one_member_on_for_every_call()
    {
        var plan = Snapshot(TestPlans.Plan(new NumberEntry("group:sales"), TestPlans.Group(HuntStrategy.RoundRobin, 20, "101", "102", "103")));
        var firsts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var r = Route(plan);
            firsts.Add(r.Decision!.Steps.OfType<HuntStep>().Single().Legs[0].Target);
            foreach (var lease in r.Leases)
            {
                lease.Dispose();
            }
        }

        Assert.Equal(["ext:101", "ext:102", "ext:103", "ext:101"], firsts);
    }

    [Fact]
    public void Members_up_in_a_call_are_skipped()
    {
        var plan = Snapshot(TestPlans.Plan(new NumberEntry("group:sales"), TestPlans.Group(HuntStrategy.Sequential, 20, "101", "102")));
        _lines.RingStarted("101");
        _lines.Answered("101");
        var legs = Route(plan).Decision!.Steps.OfType<HuntStep>().Single().Legs;
        Assert.Equal(["ext:102"], legs.Select(l => l.Target));
    }

    [Fact]
    public void Box_capacity_refuses_with_503_until_a_lease_is_released()
    {
        var plan = Snapshot(TestPlans.Plan(new NumberEntry("ext:101"), limits: new EdgePbx.Routing.Model.Limits(MaxConcurrent: 2)));
        var first = Route(plan);
        var second = Route(plan);
        var third = Route(plan);
        Assert.False(first.Rejected);
        Assert.False(second.Rejected);
        Assert.Equal((503, CallOutcome.Blocked), (third.RejectStatus, third.RejectOutcome));
        Assert.Empty(third.Leases);
        Assert.Equal(2, _router.Concurrency.Active(CallRouter.BoxKey));

        first.Leases[0].Dispose();
        first.Leases[1].Dispose();
        Assert.False(Route(plan).Rejected);
    }

    [Fact]
    public void Frequency_limit_refuses_the_extra_call_and_lets_the_caller_in_once_the_window_has_passed()
    {
        var plan = Snapshot(TestPlans.Plan(new NumberEntry("ext:101"), limits: new EdgePbx.Routing.Model.Limits(PerCaller: new FrequencyLimit(2, 10))));
        Assert.False(Route(plan).Rejected);
        Assert.False(Route(plan).Rejected);
        var third = Route(plan);
        Assert.Equal((486, CallOutcome.Blocked), (third.RejectStatus, third.RejectOutcome));
        Assert.False(Route(plan, caller: "13800000009").Rejected);

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(Route(plan).Rejected);
    }

    [Fact]
    public void Blocked_callers_get_the_configured_status_and_a_do_not_disturb_extension_is_busy_not_blocked()
    {
        var blocked = Snapshot(TestPlans.Plan(new NumberEntry("ext:101"), lists: new CallLists(Blacklist: new NumberList(Prefixes: ["139"]))));
        var r = Route(blocked);
        Assert.Equal((403, CallOutcome.Blocked, "caller is blacklisted"), (r.RejectStatus, r.RejectOutcome, r.RejectReason));

        var plan = TestPlans.Plan(new NumberEntry("ext:101"));
        var dnd = Snapshot(plan with { Extensions = new Dictionary<string, Extension> { ["101"] = new(DoNotDisturb: true) } });
        var d = Route(dnd);
        Assert.Equal((486, CallOutcome.Busy), (d.RejectStatus, d.RejectOutcome));
        Assert.Equal(0, _router.Concurrency.Active(CallRouter.BoxKey));
    }

    [Fact]
    public void A_new_plan_gets_its_own_evaluator_and_running_calls_keep_theirs()
    {
        var a = Snapshot(TestPlans.Plan(new NumberEntry("ext:101")));
        var b = Snapshot(TestPlans.Plan(new NumberEntry("ext:102")));
        Assert.Same(_router.EvaluatorFor(a), _router.EvaluatorFor(a));
        Assert.NotSame(_router.EvaluatorFor(a), _router.EvaluatorFor(b));
        Assert.Equal("ext:102", ((HuntStep)Route(b).Decision!.Steps[0]).Legs[0].Target);
        Assert.Equal("ext:101", ((HuntStep)Route(a).Decision!.Steps[0]).Legs[0].Target);
    }
}
