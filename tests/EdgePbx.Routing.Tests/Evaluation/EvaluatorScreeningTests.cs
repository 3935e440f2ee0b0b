using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Evaluation;

/// <summary>Lists, regions, frequency, concurrency and cost limits: what refuses a call before routing.</summary>
public sealed class EvaluatorScreeningTests
{
    private static readonly RouteEvaluator Evaluator = new(TestPlans.Parse(EvaluatorPlan.Json));
    private static readonly DateTimeOffset Open = TestPlans.Shanghai("2026-11-25T10:00");

    private static RouteDecision Call(string caller, CallCounters? counters = null) =>
        Evaluator.Evaluate(new CallFacts(caller, EvaluatorPlan.Hotline), counters ?? CallCounters.None, Open);

    private static int? RejectCode(RouteDecision d) => d.IsRejected ? ((RejectStep)d.Steps[0]).SipCode : null;

    [Fact]
    public void Plan_used_by_these_tests_is_valid()
    {
        Assert.DoesNotContain(Routing.Validation.PlanValidator.Validate(Evaluator.Plan), i => i.Severity == Routing.Validation.IssueSeverity.Error);
    }

    [Fact]
    public void Unknown_called_number_is_rejected_with_404()
    {
        var d = Evaluator.Evaluate(new CallFacts("01012345678", "4009999999"), CallCounters.None, Open);

        Assert.Equal(404, RejectCode(d));
    }

    [Fact]
    public void Called_number_with_country_code_still_finds_its_entry()
    {
        var d = Evaluator.Evaluate(new CallFacts("01012345678", "+864001234567"), CallCounters.None, Open);

        Assert.False(d.IsRejected);
    }

    [Fact]
    public void Blacklisted_number_is_rejected_with_603()
    {
        Assert.Equal(603, RejectCode(Call("02155550000")));
    }

    [Fact]
    public void Blacklisted_prefix_is_rejected()
    {
        Assert.Equal(603, RejectCode(Call("057112345678")));
    }

    [Fact]
    public void Whitelist_beats_a_blacklisted_prefix()
    {
        Assert.Null(RejectCode(Call("057188880000")));
    }

    [Fact]
    public void Blocked_region_is_rejected_but_a_whitelisted_caller_from_it_gets_through()
    {
        Assert.Equal(603, RejectCode(Call("09912345678")));
        Assert.Null(RejectCode(Call("09918881234")));
    }

    [Fact]
    public void Whitelist_only_refuses_everyone_not_listed()
    {
        var plan = Evaluator.Plan with { Lists = Evaluator.Plan.Lists with { WhitelistOnly = true } };
        var e = new RouteEvaluator(plan);

        Assert.Equal(603, RejectCode(e.Evaluate(new CallFacts("01012345678", EvaluatorPlan.Hotline), CallCounters.None, Open)));
        Assert.Null(RejectCode(e.Evaluate(new CallFacts("057188880000", EvaluatorPlan.Hotline), CallCounters.None, Open)));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(2, null)]  // this is the third call in the window: allowed
    [InlineData(3, 486)]   // the fourth is one too many
    [InlineData(9, 486)]
    public void Frequency_limit_allows_exactly_max_calls_per_window(int earlier, int? code)
    {
        Assert.Equal(code, RejectCode(Call("01012345678", new CallCounters { CallerCallsInWindow = earlier })));
    }

    [Fact]
    public void Whitelisted_caller_is_not_frequency_limited()
    {
        Assert.Null(RejectCode(Call("057188880000", new CallCounters { CallerCallsInWindow = 50 })));
    }

    [Theory]
    [InlineData(1, 0, null)]
    [InlineData(2, 0, 486)]  // the number allows 2 at once
    [InlineData(0, 9, null)]
    [InlineData(0, 10, 503)] // the box allows 10 at once
    public void Concurrency_limits_of_number_and_box_hold(int onNumber, int total, int? code)
    {
        Assert.Equal(code, RejectCode(Call("01012345678", new CallCounters { ActiveOnNumber = onNumber, ActiveTotal = total })));
    }

    [Fact]
    public void Whitelisted_caller_is_still_bound_by_concurrency()
    {
        Assert.Equal(486, RejectCode(Call("057188880000", new CallCounters { ActiveOnNumber = 2 })));
    }

    [Theory]
    [InlineData(999, 0, null)]
    [InlineData(1000, 0, 503)]
    [InlineData(0, 19999, null)]
    [InlineData(0, 20000, 503)]
    public void Daily_and_monthly_cost_caps_stop_new_calls_once_reached(long today, long month, int? code)
    {
        Assert.Equal(code, RejectCode(Call("01012345678", new CallCounters { CostTodayFen = today, CostThisMonthFen = month })));
    }

    [Fact]
    public void Refusal_reason_is_in_the_trace()
    {
        var d = Call("01012345678", new CallCounters { CostTodayFen = 5000 });

        Assert.Contains(d.Trace, line => line.Contains("daily cost cap", StringComparison.Ordinal));
    }

    [Fact]
    public void Decision_carries_the_maximum_call_length_and_tariff()
    {
        var d = Call("01012345678");

        Assert.Equal(1800, d.MaxCallSeconds);
        Assert.Equal(6, d.Tariff.IncrementSeconds);
    }
}
