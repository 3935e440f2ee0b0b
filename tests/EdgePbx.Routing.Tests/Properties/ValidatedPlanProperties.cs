using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Validation;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EdgePbx.Routing.Tests.Properties;

/// <summary>
/// Validation and evaluation agree over generated plans: whatever passes <c>plan check</c> can take any
/// call without the evaluator meeting a dangling reference, an endless nesting or a dead end.
/// </summary>
[Properties(Arbitrary = [typeof(PlanCases)], MaxTest = 300)]
public sealed class ValidatedPlanProperties
{
    [Property]
    public void A_valid_plan_routes_every_call_and_every_menu_answer_to_a_real_end(PlanCase c)
    {
        if (!c.Valid)
        {
            return;
        }

        var evaluator = new RouteEvaluator(c.Plan);
        foreach (var (caller, at, counters, night) in c.Calls)
        {
            foreach (var called in c.Plan.Numbers.Keys)
            {
                var facts = new CallFacts(caller, called) { NightMode = night };
                var d = evaluator.Evaluate(facts, counters, at);
                AssertRoutable(d.Steps, c);
                AssertRoutable(d.FaxSteps, c, allowEmpty: true);
            }

            foreach (var (id, menu) in c.Plan.Menus)
            {
                foreach (var input in new string?[] { null, "0", "1", "2", "9", "*", "#", "101", "7" })
                {
                    var d = evaluator.AfterMenu(id, input, menu.Retries, new CallFacts(caller, "4001"), counters, at);
                    AssertRoutable(d.Steps, c);
                }
            }
        }
    }

    [Property]
    public void Validation_never_throws_and_every_finding_has_a_path_and_words(PlanCase c)
    {
        foreach (var issue in PlanValidator.Validate(c.Plan))
        {
            Assert.StartsWith("$", issue.Path, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(issue.Message));
        }
    }

    [Fact]
    public void Generated_plans_are_often_valid_and_sometimes_not()
    {
        var plans = PlanCases.PlanGen().Sample(400, 20);
        var valid = plans.Count(p => p.Valid);

        Assert.InRange(valid, 100, 380);
    }

    /// <summary>No dangling reference or nesting refusal (404/500) anywhere, and every branch ends.</summary>
    private static void AssertRoutable(IReadOnlyList<RouteStep> steps, PlanCase c, bool allowEmpty = false)
    {
        if (allowEmpty && steps.Count == 0)
        {
            return;
        }

        Assert.NotEmpty(steps);
        Assert.IsNotType<WelcomeStep>(steps[^1]);
        foreach (var step in steps)
        {
            switch (step)
            {
                case RejectStep r:
                    Assert.True(r.SipCode is 486 or 503 or 603, $"{r.SipCode} {r.Reason} in {c}");
                    break;
                case HuntStep h:
                    Assert.NotEmpty(h.Legs);
                    AssertRoutable(h.OnNoAnswer, c);
                    break;
            }
        }
    }
}
