using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Evaluation;

/// <summary>Every hunt strategy and group option, reached through the evaluator plan's main menu.</summary>
public sealed class HuntGroupTests
{
    private static readonly RouteEvaluator Evaluator = new(TestPlans.Parse(EvaluatorPlan.Json));
    private static readonly DateTimeOffset Open = TestPlans.Shanghai("2026-11-25T10:00");

    // Main menu keys: 1 rr, 2 w, 3 custom, 4 lr, 5 fc, 6 rnd, 7 queue, 8 everyone.
    private static RouteStep Press(string key, CallCounters? counters = null, ulong seed = 0) =>
        Evaluator.AfterMenu("main", key, new CallFacts("01012345678", EvaluatorPlan.Hotline) { RandomSeed = seed }, counters ?? CallCounters.None, Open).Steps[0];

    private static HuntStep Hunt(string key, CallCounters? counters = null, ulong seed = 0) => Assert.IsType<HuntStep>(Press(key, counters, seed));

    private static string[] Order(HuntStep h) => [.. h.Legs.Select(l => l.Target)];

    [Fact]
    public void Sequential_rings_members_in_listed_order_one_after_another()
    {
        var d = Evaluator.Evaluate(new CallFacts("075512345678", EvaluatorPlan.Hotline), CallCounters.None, Open);
        var hunt = Assert.IsType<HuntStep>(d.Steps[^1]);

        Assert.Equal(["ext:102", "ext:103"], Order(hunt));
        Assert.False(hunt.Simultaneous);
        Assert.Equal(HuntStrategy.Sequential, hunt.Strategy);
    }

    [Theory]
    [InlineData(null, new[] { "ext:102", "ext:103", "ext:104" }, 0)]
    [InlineData(0, new[] { "ext:103", "ext:104", "ext:102" }, 1)]
    [InlineData(1, new[] { "ext:104", "ext:102", "ext:103" }, 2)]
    [InlineData(2, new[] { "ext:102", "ext:103", "ext:104" }, 0)] // wraps round
    public void Round_robin_starts_after_the_member_that_started_last_time(int? lastStart, string[] order, int next)
    {
        var counters = lastStart is { } c ? new CallCounters { RoundRobinCursor = new Dictionary<string, int> { ["rr"] = c } } : null;

        var hunt = Hunt("1", counters);

        Assert.Equal(order, Order(hunt));
        Assert.Equal(next, hunt.NextRoundRobinCursor);
    }

    [Fact]
    public void Round_robin_fed_its_own_cursor_gives_every_member_the_same_number_of_first_rings()
    {
        var firsts = new Dictionary<string, int>();
        int? cursor = null;
        for (var call = 0; call < 300; call++)
        {
            var counters = cursor is { } c ? new CallCounters { RoundRobinCursor = new Dictionary<string, int> { ["rr"] = c } } : null;
            var hunt = Hunt("1", counters);
            firsts[hunt.Legs[0].Target] = firsts.GetValueOrDefault(hunt.Legs[0].Target) + 1;
            cursor = hunt.NextRoundRobinCursor;
        }

        Assert.Equal([100, 100, 100], firsts.Values);
    }

    [Fact]
    public void Ring_all_rings_every_member_together()
    {
        var hunt = Hunt("8");

        Assert.True(hunt.Simultaneous);
        Assert.Equal(["ext:102", "ext:103"], Order(hunt));
    }

    [Fact]
    public void Weighted_shares_over_10000_calls_are_within_1_percent_of_each_weight_and_repeat_exactly()
    {
        Dictionary<string, int> Run()
        {
            var firsts = new Dictionary<string, int>();
            for (var seq = 0L; seq < 10_000; seq++)
            {
                var hunt = Hunt("2", new CallCounters { GroupCallSequence = new Dictionary<string, long> { ["w"] = seq } });
                firsts[hunt.Legs[0].Target] = firsts.GetValueOrDefault(hunt.Legs[0].Target) + 1;
            }

            return firsts;
        }

        var shares = Run();

        Assert.InRange(shares["ext:102"], 5_900, 6_100);
        Assert.InRange(shares["ext:103"], 3_800, 4_000);
        Assert.InRange(shares["external:13700137000"], 0, 200);
        Assert.Equal(6_000, shares["ext:102"]); // exact, in fact: every block of 100 calls holds each weight
        Assert.Equal(3_900, shares["ext:103"]);
        Assert.Equal(100, shares["external:13700137000"]);
        Assert.Equal(shares, Run()); // deterministic
    }

    [Fact]
    public void Weighted_rings_the_others_after_the_pick_by_falling_weight()
    {
        // Slot of call 3 is 3 * 37 % 100 = 11: inside the first 60, so ext:102 is picked.
        var hunt = Hunt("2", new CallCounters { GroupCallSequence = new Dictionary<string, long> { ["w"] = 3 } });
        // Slot of call 27 is 27 * 37 % 100 = 99: the 1 % member.
        var small = Hunt("2", new CallCounters { GroupCallSequence = new Dictionary<string, long> { ["w"] = 27 } });

        Assert.Equal(["ext:102", "ext:103", "external:13700137000"], Order(hunt));
        Assert.Equal(["external:13700137000", "ext:102", "ext:103"], Order(small));
    }

    [Fact]
    public void Least_recent_rings_the_longest_idle_member_first_and_never_called_before_all()
    {
        var t = TestPlans.Shanghai("2026-11-25T09:00");
        var counters = new CallCounters
        {
            LastCalled = new Dictionary<string, DateTimeOffset> { ["ext:102"] = t.AddMinutes(30), ["ext:103"] = t },
        };

        Assert.Equal(["ext:104", "ext:103", "ext:102"], Order(Hunt("4", counters)));
    }

    [Fact]
    public void Fewest_calls_rings_the_least_busy_member_first_ties_in_listed_order()
    {
        var counters = new CallCounters { CallsTaken = new Dictionary<string, int> { ["ext:102"] = 5, ["ext:103"] = 2, ["ext:104"] = 2 } };

        Assert.Equal(["ext:103", "ext:104", "ext:102"], Order(Hunt("5", counters)));
    }

    [Fact]
    public void Random_order_depends_only_on_the_seed_and_reaches_every_order_evenly()
    {
        Assert.Equal(Order(Hunt("6", seed: 42)), Order(Hunt("6", seed: 42)));

        var orders = new Dictionary<string, int>();
        for (var seed = 1UL; seed <= 6000; seed++)
        {
            var key = string.Join(",", Order(Hunt("6", seed: seed)));
            orders[key] = orders.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(6, orders.Count);
        Assert.All(orders.Values, n => Assert.InRange(n, 800, 1200));
    }

    [Fact]
    public void Custom_rings_each_member_after_its_own_delay_for_its_own_time()
    {
        var hunt = Hunt("3");

        Assert.True(hunt.Simultaneous);
        Assert.Equal([new RingLeg("ext:102", 0, 10), new RingLeg("ext:103", 10, 30)], hunt.Legs); // 30: the group's ring time
    }

    [Fact]
    public void Busy_members_are_skipped_and_a_group_with_all_busy_overflows()
    {
        var busy = new CallCounters { BusyMembers = new HashSet<string> { "ext:103" } };
        var allBusy = new CallCounters { BusyMembers = new HashSet<string> { "ext:102" } };

        Assert.Equal(["ext:104", "ext:102"], Order(Hunt("1", busy with { RoundRobinCursor = new Dictionary<string, int> { ["rr"] = 0 } })));
        Assert.Equal("group:b", Hunt("7", allBusy).Source); // queue's only member is busy: overflow to group b
    }

    [Fact]
    public void Group_that_does_not_skip_busy_members_still_rings_them()
    {
        var busy = new CallCounters { BusyMembers = new HashSet<string> { "ext:102", "ext:103" } };

        Assert.Equal(["ext:102", "ext:103"], Order(Hunt("8", busy)));
    }

    [Fact]
    public void Busy_members_are_read_only_for_a_plan_with_a_group_that_skips_them()
    {
        var plan = TestPlans.Parse(EvaluatorPlan.Json);
        var noneSkip = plan with { Groups = plan.Groups.ToDictionary(g => g.Key, g => g.Value with { SkipBusy = false }) };

        Assert.True(new RouteEvaluator(plan).ReadsBusyMembers);
        Assert.False(new RouteEvaluator(noneSkip).ReadsBusyMembers);
    }

    [Fact]
    public void Repeat_and_overflow_travel_with_the_hunt()
    {
        var hunt = Hunt("7");

        Assert.Equal(3, hunt.Repeat);
        Assert.Equal("group:b", Assert.IsType<HuntStep>(Assert.Single(hunt.OnNoAnswer)).Source);
    }

    [Theory]
    [InlineData(1, "group:queue")]
    [InlineData(2, "group:b")] // max 2 waiting: the third caller overflows at once
    [InlineData(5, "group:b")]
    public void Max_waiting_callers_sends_further_callers_to_overflow(int waiting, string source)
    {
        var counters = new CallCounters { Waiting = new Dictionary<string, int> { ["queue"] = waiting } };

        Assert.Equal(source, Hunt("7", counters).Source);
    }

    [Fact]
    public void Group_without_overflow_hangs_up_when_nobody_answers()
    {
        Assert.IsType<HangupStep>(Assert.Single(Hunt("8").OnNoAnswer));
    }

    [Fact]
    public void Member_extension_in_do_not_disturb_is_not_rung()
    {
        var plan = Evaluator.Plan with
        {
            Groups = new Dictionary<string, HuntGroup> { ["g"] = new([new GroupMember("ext:105"), new GroupMember("ext:102")]) },
            Numbers = new Dictionary<string, NumberEntry> { ["400"] = new("group:g") },
        };

        var d = new RouteEvaluator(plan).Evaluate(new CallFacts("01012345678", "400"), CallCounters.None, Open);

        Assert.Equal(["ext:102"], Order(Assert.IsType<HuntStep>(d.Steps[0])));
        Assert.Contains(d.Trace, t => t == "group g: skip member ext:105 (do not disturb)");
    }
}
