using System.Globalization;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace EdgePbx.Routing.Tests.Properties;

/// <summary>One generated call against one of the test plans: who, to what, when, and the engine's counters.</summary>
public sealed record CallCase(string PlanName, string Caller, string Called, DateTimeOffset At, bool Night, ulong Seed, CallCounters Counters)
{
    public RoutingPlan Plan => CallCases.Plans[PlanName].Plan;

    public RouteEvaluator Evaluator => CallCases.Plans[PlanName];

    public CallFacts Facts => new(Caller, Called) { NightMode = Night, RandomSeed = Seed };

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{PlanName}: {Caller} -> {Called} at {At:o} night={Night} seed={Seed} window={Counters.CallerCallsInWindow} onNumber={Counters.ActiveOnNumber} " +
            $"total={Counters.ActiveTotal} today={Counters.CostTodayFen} month={Counters.CostThisMonthFen} seq={Counters.NumberCallSequence} " +
            $"busy=[{string.Join(",", Counters.BusyMembers)}] waiting=[{string.Join(",", Counters.Waiting.Select(w => w.Key + "=" + w.Value))}]");
}

/// <summary>FsCheck generators: calls that hit lists, regions, limits, schedules and every group of every test plan.</summary>
public static class CallCases
{
    public static readonly IReadOnlyDictionary<string, RouteEvaluator> Plans = LoadPlans();

    private static readonly string[] CallerPrefixes =
    [
        "010", "021", "0755", "0571", "057188880000", "0991", "0991888", "020", "0531", "0898", "0601",
        "138", "1380013", "139", "1390000", "1390139", "1392000", "186", "170", "171", "189", "192", "400",
        "02155550000", "13900139000", "13800138000", "+86", "0086", "+8621", "+86138", "",
    ];

    public static Arbitrary<CallCase> Calls() => Gen.Elements(Plans.Keys.Order(StringComparer.Ordinal).ToArray()).SelectMany(CallFor).ToArbitrary();

    private static Gen<CallCase> CallFor(string name)
    {
        var plan = Plans[name].Plan;
        var members = plan.Groups.Values.SelectMany(g => g.Members).Select(m => m.Target).Distinct().ToArray();
        var groups = plan.Groups.Keys.ToArray();
        var calledNumbers = plan.Numbers.Keys.SelectMany(n => new[] { n, n, n, n, "+86" + n }).Append("4000000000").ToArray();
        var limits = plan.Limits;
        var maxCalls = limits.PerCaller?.MaxCalls ?? 5;
        var caller = from prefix in Gen.Elements(CallerPrefixes)
                     from digits in Gen.Choose(0, 9).ArrayOf()
                     from length in Gen.Choose(0, 9)
                     select prefix + string.Concat(digits.Take(Math.Max(0, length)).Select(d => (char)('0' + d)));
        // Mostly within the limits (so calls get routed), now and then at or past them.
        var counters = from window in Mostly(Gen.Choose(0, maxCalls - 1), Gen.Choose(maxCalls - 1, maxCalls + 2))
                       from onNumber in Mostly(Gen.Choose(0, 1), Gen.Choose(0, 40))
                       from total in Mostly(Gen.Choose(0, 3), Gen.Choose(0, 70))
                       from today in Mostly(Gen.Constant(0L), Gen.Choose(0, 3).Select(k => k * (limits.DailyCostCapFen ?? 1000) / 2))
                       from month in Mostly(Gen.Constant(0L), Gen.Choose(0, 3).Select(k => k * (limits.MonthlyCostCapFen ?? 1000) / 2))
                       from seq in Gen.Choose(0, int.MaxValue)
                       from busy in Mostly(Gen.Constant<IList<string>>(Array.Empty<string>()), Gen.SubListOf(members).Select(l => (IList<string>)l))
                       from waiting in Gen.Choose(0, 12).ArrayOf(groups.Length)
                       from cursor in Gen.Choose(-1, 5).ArrayOf(groups.Length)
                       from taken in Gen.Choose(0, 9).ArrayOf(members.Length)
                       select new CallCounters
                       {
                           CallerCallsInWindow = window,
                           ActiveOnNumber = onNumber,
                           ActiveTotal = total,
                           CostTodayFen = today,
                           CostThisMonthFen = month,
                           NumberCallSequence = seq,
                           BusyMembers = busy.ToHashSet(),
                           Waiting = groups.Select((g, i) => (g, waiting[i])).ToDictionary(x => x.g, x => x.Item2),
                           RoundRobinCursor = groups.Select((g, i) => (g, cursor[i])).ToDictionary(x => x.g, x => x.Item2),
                           GroupCallSequence = groups.ToDictionary(g => g, _ => (long)seq),
                           CallsTaken = members.Select((m, i) => (m, taken[i])).ToDictionary(x => x.m, x => x.Item2),
                           LastCalled = members.Select((m, i) => (m, taken[i])).ToDictionary(x => x.m, x => TestPlans.Shanghai("2026-11-25T08:00").AddMinutes(x.Item2 * 7)),
                       };
        var at = Gen.Choose(0, 2 * 366 * 24 * 60).Select(m => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(m));
        return from c in caller
               from called in Gen.Elements(calledNumbers)
               from when in at
               from night in Gen.Elements(false, false, true)
               from seed in Gen.Choose(0, int.MaxValue).Select(s => (ulong)s)
               from k in counters
               select new CallCase(name, c, called, when, night, seed, k);
    }

    private static Gen<T> Mostly<T>(Gen<T> usual, Gen<T> sometimes) => Gen.Frequency((4, usual), (1, sometimes));

    private static Dictionary<string, RouteEvaluator> LoadPlans()
    {
        var plans = new Dictionary<string, RouteEvaluator>(StringComparer.Ordinal)
        {
            ["evaluator-test-plan"] = new(TestPlans.Parse(EvaluatorPlan.Json)),
        };
        foreach (var file in Directory.GetFiles(Path.Combine(TestPlans.RepoRoot(), "examples", "plans"), "*.json"))
        {
            plans[Path.GetFileName(file)] = new RouteEvaluator(TestPlans.Parse(File.ReadAllText(file)));
        }

        return plans;
    }
}
