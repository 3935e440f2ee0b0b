using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Evaluation;

/// <summary>
/// The engine's path (no trace) on routes that depend only on the plan allocates nothing but the
/// decision: a guard for the benchmark's 64 B per evaluation.
/// </summary>
public sealed class AllocationTests
{
    [Fact]
    public void Untraced_evaluation_of_the_demo_plan_allocates_only_the_decision()
    {
        var evaluator = new RouteEvaluator(TestPlans.Example("demo.json"));
        CallFacts[] callers = [new("01012345678", "4006123456"), new("13800138000", "4006123456"), new("+8675512345678", "+864006123456")];
        DateTimeOffset[] times = [TestPlans.Shanghai("2026-11-25T10:00"), TestPlans.Shanghai("2026-11-25T21:00"), TestPlans.Shanghai("2026-11-28T10:00")];
        var counters = new CallCounters { ActiveOnNumber = 1, ActiveTotal = 2 };

        var steps = 0;
        for (var i = 0; i < 20_000; i++)
        {
            steps += evaluator.Evaluate(callers[i % 3], counters, times[i % 3], trace: false).Steps.Count; // warm up (tiering)
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 3_000; i++)
        {
            steps += evaluator.Evaluate(callers[i % 3], counters, times[i / 1000], trace: false).Steps.Count;
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 3_000.0;
        Assert.True(perCall <= 64, $"{perCall:F1} bytes per evaluation");
        Assert.True(steps > 0);
    }

    [Fact]
    public void Routes_that_depend_only_on_the_plan_are_shared_between_calls()
    {
        var evaluator = new RouteEvaluator(TestPlans.Example("demo.json"));
        var at = TestPlans.Shanghai("2026-11-25T10:00");

        var a = evaluator.Evaluate(new CallFacts("01012345678", "4006123456"), CallCounters.None, at, trace: false);
        var b = evaluator.Evaluate(new CallFacts("02112345678", "4006123456"), CallCounters.None, at, trace: false);

        Assert.Same(a.Steps, b.Steps);
        Assert.Throws<NotSupportedException>(() => ((IList<RouteStep>)a.Steps).Add(new HangupStep())); // read-only
    }
}
