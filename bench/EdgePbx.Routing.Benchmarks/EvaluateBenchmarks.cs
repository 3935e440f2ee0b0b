using BenchmarkDotNet.Attributes;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Json;

namespace EdgePbx.Routing.Benchmarks;

/// <summary>
/// Evaluations as the engine asks for them, one call per evaluation, rotating over 1,024 prepared calls
/// (callers from several regions and carriers, times spread over a week so open and closed schedules
/// both occur, varying counters). demo.json is the daemon's default plan (welcome, IVR in business
/// hours, voicemail after hours); hotline-400.json adds lists, blocked regions, limits, regional rules,
/// a percentage split and hunt groups whose legs depend on the counters. OperationsPerInvoke turns
/// the mean into time per evaluation.
/// </summary>
[MemoryDiagnoser]
public class EvaluateBenchmarks
{
    public const int Calls = 1024;
    private RouteEvaluator _evaluator = null!;
    private CallFacts[] _facts = null!;
    private DateTimeOffset[] _times = null!;
    private CallCounters[] _counters = null!;

    [Params("demo.json", "hotline-400.json")]
    public string Plan { get; set; } = "demo.json";

    [GlobalSetup]
    public void Setup()
    {
        var json = File.ReadAllBytes(FindPlan(Plan));
        var read = PlanJson.Read(json);
        _evaluator = new RouteEvaluator(read.Plan ?? throw new InvalidOperationException(string.Join("\n", read.Errors)));
        string[] callers = ["13800138000", "01012345678", "075512345678", "+8618612345678", "4001234567", "02155550000"];
        var called = _evaluator.Plan.Numbers.Keys.First();
        _facts = new CallFacts[Calls];
        _times = new DateTimeOffset[Calls];
        _counters = new CallCounters[Calls];
        var monday = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(8));
        for (var i = 0; i < Calls; i++)
        {
            _facts[i] = new CallFacts(callers[i % callers.Length], called) { RandomSeed = (ulong)i };
            _times[i] = monday.AddMinutes(i * 97 % (7 * 24 * 60)); // spread over the week: open and closed
            _counters[i] = new CallCounters { NumberCallSequence = i, ActiveOnNumber = i % 3, ActiveTotal = i % 5 };
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int Evaluate_without_trace()
    {
        var steps = 0;
        for (var i = 0; i < Calls; i++)
        {
            steps += _evaluator.Evaluate(_facts[i], _counters[i], _times[i], trace: false).Steps.Count;
        }

        return steps;
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public int Evaluate_with_trace()
    {
        var steps = 0;
        for (var i = 0; i < Calls; i++)
        {
            steps += _evaluator.Evaluate(_facts[i], _counters[i], _times[i]).Steps.Count;
        }

        return steps;
    }

    private static string FindPlan(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "examples", "plans", name)))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException($"examples/plans/{name} not found"), "examples", "plans", name);
    }
}
