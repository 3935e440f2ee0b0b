using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Evaluation;

/// <summary>Which target a call reaches: schedules in Asia/Shanghai, regions, carriers, splits, night mode.</summary>
public sealed class EvaluatorRoutingTests
{
    private static readonly RouteEvaluator Evaluator = new(TestPlans.Parse(EvaluatorPlan.Json));

    private static RouteDecision Call(string caller, DateTimeOffset at, CallCounters? counters = null, bool night = false) =>
        Evaluator.Evaluate(new CallFacts(caller, EvaluatorPlan.Hotline) { NightMode = night }, counters ?? CallCounters.None, at);

    private static RouteStep Final(RouteDecision d) => d.Steps[^1];

    [Fact]
    public void Welcome_audio_plays_first_then_the_default_menu()
    {
        var d = Call("01012345678", TestPlans.Shanghai("2026-11-25T10:00"));

        Assert.Equal(new WelcomeStep("welcome.wav"), d.Steps[0]);
        Assert.Equal("main", Assert.IsType<MenuStep>(d.Steps[1]).MenuId);
    }

    [Theory]
    [InlineData("2026-11-25T00:59:00Z", false)] // 08:59 Shanghai, Wednesday
    [InlineData("2026-11-25T01:00:00Z", true)]  // 09:00 Shanghai
    [InlineData("2026-11-25T09:59:00Z", true)]  // 17:59 Shanghai
    [InlineData("2026-11-25T10:00:00Z", false)] // 18:00 Shanghai
    [InlineData("2026-11-27T16:30:00Z", false)] // Saturday 00:30 Shanghai while it is still Friday in UTC
    [InlineData("2026-11-29T17:30:00Z", false)] // Monday 01:30 Shanghai while it is still Sunday in UTC
    [InlineData("2026-11-30T01:30:00Z", true)]  // Monday 09:30 Shanghai
    public void Business_hours_are_judged_in_Asia_Shanghai_whatever_the_offset_of_now(string utc, bool open)
    {
        var d = Call("01012345678", DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        var afterHours = d.Trace.Any(t => t.Contains("\"after hours\": yes", StringComparison.Ordinal));
        Assert.Equal(!open, afterHours);
        Assert.Equal(open, Final(d) is MenuStep);
    }

    [Fact]
    public void Holiday_sends_a_weekday_call_after_hours()
    {
        var d = Call("01012345678", TestPlans.Shanghai("2026-10-02T10:00")); // Friday of National Day week

        Assert.Contains(d.Trace, t => t.Contains("\"after hours\": yes", StringComparison.Ordinal));
        Assert.IsType<VoicemailStep>(Final(d));
    }

    [Fact]
    public void Fixed_line_caller_from_Guangdong_goes_to_the_south_group()
    {
        var d = Call("075512345678", TestPlans.Shanghai("2026-11-25T10:00"));

        Assert.Equal("group:south", Assert.IsType<HuntStep>(Final(d)).Source);
    }

    [Fact]
    public void Mobile_caller_whose_prefix_the_plan_maps_to_Shenzhen_goes_to_the_south_group()
    {
        var d = Call("13920001234", TestPlans.Shanghai("2026-11-25T10:00"));

        Assert.Equal("group:south", Assert.IsType<HuntStep>(Final(d)).Source);
    }

    [Fact]
    public void Unicom_mobile_caller_matches_the_carrier_rule()
    {
        var d = Call("18612345678", TestPlans.Shanghai("2026-11-25T10:00"));

        Assert.Equal("ext:104", Assert.IsType<HuntStep>(Final(d)).Source);
    }

    [Fact]
    public void Percentage_split_is_exact_over_10000_calls_and_over_every_100()
    {
        var counts = new Dictionary<string, int>();
        for (var seq = 0; seq < 10_000; seq++)
        {
            var d = Call("053112345678", TestPlans.Shanghai("2026-11-25T10:00"), new CallCounters { NumberCallSequence = seq });
            var source = Assert.IsType<HuntStep>(Final(d)).Source;
            counts[source] = counts.GetValueOrDefault(source) + 1;
            if (seq % 100 == 99)
            {
                Assert.Equal(((seq / 100) + 1) * 70, counts["group:a"]);
            }
        }

        Assert.Equal(7000, counts["group:a"]);
        Assert.Equal(3000, counts["group:b"]);
    }

    [Fact]
    public void Percentage_split_does_not_send_consecutive_calls_in_long_runs()
    {
        var longestRun = 0;
        var run = 0;
        string? last = null;
        for (var seq = 0; seq < 100; seq++)
        {
            var d = Call("053112345678", TestPlans.Shanghai("2026-11-25T10:00"), new CallCounters { NumberCallSequence = seq });
            var source = ((HuntStep)Final(d)).Source;
            run = source == last ? run + 1 : 1;
            last = source;
            longestRun = Math.Max(longestRun, run);
        }

        Assert.True(longestRun <= 5, $"longest run {longestRun}");
    }

    [Fact]
    public void Night_switch_overrides_the_rules()
    {
        var d = Call("075512345678", TestPlans.Shanghai("2026-11-25T10:00"), night: true);

        Assert.Equal(new VoicemailStep("101"), Final(d));
    }

    [Fact]
    public void Night_switch_off_keeps_normal_routing()
    {
        var d = Call("075512345678", TestPlans.Shanghai("2026-11-25T10:00"), night: false);

        Assert.IsType<HuntStep>(Final(d));
    }

    [Fact]
    public void Ringback_choice_of_the_number_travels_with_the_hunt()
    {
        var hunt = Assert.IsType<HuntStep>(Final(Call("075512345678", TestPlans.Shanghai("2026-11-25T10:00"))));

        Assert.Equal((RingbackKind.Audio, "music.wav"), (hunt.Ringback, hunt.RingbackAudio));
    }

    [Fact]
    public void Fax_destination_is_resolved_alongside_the_voice_route()
    {
        var d = Call("01012345678", TestPlans.Shanghai("2026-11-25T10:00"));

        Assert.Equal("ext:109", Assert.IsType<HuntStep>(Assert.Single(d.FaxSteps)).Source);
    }

    [Fact]
    public void Trace_says_why_each_rule_did_or_did_not_match()
    {
        var d = Call("18612345678", TestPlans.Shanghai("2026-11-25T10:00"));

        Assert.Contains(d.Trace, t => t.StartsWith("rule 1 \"after hours\": no", StringComparison.Ordinal));
        Assert.Contains(d.Trace, t => t.StartsWith("rule 2 \"south\": no (region", StringComparison.Ordinal));
        Assert.Contains(d.Trace, t => t.StartsWith("rule 3 \"unicom\": yes", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_matches_only_when_all_its_conditions_hold()
    {
        var plan = Evaluator.Plan with
        {
            Numbers = new Dictionary<string, NumberEntry>
            {
                ["400"] = new("hangup", Rules: [new RouteRule(Schedule: "office", Regions: ["Beijing"], CallerPrefixes: ["0108"], Target: "ext:102")]),
            },
        };
        var e = new RouteEvaluator(plan);
        var open = TestPlans.Shanghai("2026-11-25T10:00");

        Assert.IsType<HuntStep>(e.Evaluate(new CallFacts("01088888888", "400"), CallCounters.None, open).Steps[0]);
        Assert.IsType<HangupStep>(e.Evaluate(new CallFacts("01012345678", "400"), CallCounters.None, open).Steps[0]);
        Assert.IsType<HangupStep>(e.Evaluate(new CallFacts("01088888888", "400"), CallCounters.None, TestPlans.Shanghai("2026-11-25T20:00")).Steps[0]);
    }
}
