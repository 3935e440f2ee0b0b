using System.Runtime.CompilerServices;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Regions;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Limits;
using EdgePbx.Switchboard.Plans;

namespace EdgePbx.Switchboard.Routing;

/// <summary>
/// Asks the plan what to do with a new call and keeps the live counters the evaluator reads: calls in
/// progress (box and number), caller frequency, split and group sequences, round-robin cursors. Evaluation
/// and the counter updates it implies happen under one short lock (no I/O, no awaits), so two calls
/// arriving together on different workers cannot both take the last place or the same round-robin turn.
/// </summary>
public sealed class CallRouter
{
    public const string BoxKey = "box";

    private readonly ConditionalWeakTable<PlanSnapshot, RouteEvaluator> _evaluators = [];
    private readonly Dictionary<string, long> _numberSequence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _groupSequence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _roundRobin = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly LineBoard _lines;

    public CallRouter(TimeProvider time, LineBoard lines, TimeSpan longestFrequencyWindow)
    {
        _time = time;
        _lines = lines;
        Frequency = new CallerFrequencyTracker(time, longestFrequencyWindow);
    }

    public ConcurrencyTracker Concurrency { get; } = new();

    public CallerFrequencyTracker Frequency { get; }

    public static string NumberKey(string number) => "number:" + number;

    public RouteEvaluator EvaluatorFor(PlanSnapshot snapshot) => _evaluators.GetValue(snapshot, static s => new RouteEvaluator(s.Plan));

    /// <summary>Decides a call to one of the plan's numbers and takes its leases; a refusal takes none.</summary>
    internal RouteResult Route(PlanSnapshot snapshot, CallFacts facts, int blockedStatus)
    {
        var evaluator = EvaluatorFor(snapshot);
        var plan = snapshot.Plan;
        var region = evaluator.RegionOf(facts.Caller);
        var regionText = region.Province is null ? string.Empty : region.City is null ? region.Province : region.Province + "/" + region.City;
        var caller = RegionTable.Normalize(facts.Caller);
        var number = plan.Numbers.ContainsKey(facts.Called) ? facts.Called : RegionTable.Normalize(facts.Called);
        var window = plan.Limits.PerCaller is { } f ? TimeSpan.FromMinutes(f.WindowMinutes) : TimeSpan.Zero;
        lock (_gate)
        {
            var counters = new CallCounters
            {
                CallerCallsInWindow = window > TimeSpan.Zero ? Frequency.CountWithin(caller, window) : 0,
                ActiveOnNumber = Concurrency.Active(NumberKey(number)),
                ActiveTotal = Concurrency.Active(BoxKey),
                NumberCallSequence = _numberSequence.GetValueOrDefault(number),
                // Live, not copied: evaluation runs under _gate, which every change of them takes.
                GroupCallSequence = _groupSequence,
                RoundRobinCursor = _roundRobin,
                BusyMembers = BusyMembers(evaluator),
            };
            var now = _time.GetUtcNow();
            var decision = evaluator.Evaluate(facts, counters, now, trace: false);
            Frequency.Record(caller);
            if (decision.IsRejected)
            {
                // Refusals are the rare path: evaluate again with the trace (same inputs, same decision) to
                // tell screening from a refusing target.
                var traced = evaluator.Evaluate(facts, counters, now, trace: true);
                return Refusal((RejectStep)traced.Steps[0], traced.Trace, blockedStatus, regionText);
            }

            var leases = new List<ConcurrencyLease>(2);
            if (Concurrency.TryAcquire(BoxKey, plan.Limits.MaxConcurrent ?? int.MaxValue) is not { } box)
            {
                return RouteResult.Refuse(503, CallOutcome.Blocked, "box at capacity", regionText);
            }

            leases.Add(box);
            var numberMax = plan.Numbers.TryGetValue(number, out var entry) ? entry.MaxConcurrent : null;
            if (Concurrency.TryAcquire(NumberKey(number), numberMax ?? int.MaxValue) is not { } onNumber)
            {
                box.Dispose();
                return RouteResult.Refuse(486, CallOutcome.Blocked, "number busy", regionText);
            }

            leases.Add(onNumber);
            _numberSequence[number] = counters.NumberCallSequence + 1;
            NoteHunts(decision);
            return new RouteResult(decision, regionText, leases, 0, default, string.Empty);
        }
    }

    /// <summary>
    /// The decision after one try at a menu (<see cref="RouteEvaluator.AfterMenu(string, string?, int, CallFacts, CallCounters, DateTimeOffset)"/>)
    /// with the live counters a hunt needs (busy members, round-robin cursors), which it then moves on.
    /// </summary>
    internal RouteDecision AfterMenu(PlanSnapshot snapshot, string menuId, string? digits, int failedTries, CallFacts facts)
    {
        var evaluator = EvaluatorFor(snapshot);
        lock (_gate)
        {
            var counters = new CallCounters
            {
                GroupCallSequence = _groupSequence,
                RoundRobinCursor = _roundRobin,
                BusyMembers = BusyMembers(evaluator),
            };
            var decision = evaluator.AfterMenu(menuId, digits, failedTries, facts, counters, _time.GetUtcNow());
            NoteHunts(decision);
            return decision;
        }
    }

    // Gathering the busy lines makes a set of every extension up in a call: only for a plan that will read it.
    private IReadOnlySet<string> BusyMembers(RouteEvaluator evaluator) =>
        evaluator.ReadsBusyMembers ? _lines.BusyMembers() : CallCounters.None.BusyMembers;

    private void NoteHunts(RouteDecision decision)
    {
        foreach (var hunt in decision.Steps.OfType<HuntStep>())
        {
            if (hunt.Source.StartsWith("group:", StringComparison.Ordinal))
            {
                var group = hunt.Source["group:".Length..];
                _groupSequence[group] = _groupSequence.GetValueOrDefault(group) + 1;
                if (hunt.NextRoundRobinCursor is { } cursor)
                {
                    _roundRobin[group] = cursor;
                }
            }
        }
    }

    private static RouteResult Refusal(RejectStep reject, IReadOnlyList<string> trace, int blockedStatus, string region)
    {
        // Screening (lists, regions, frequency, concurrency, cost) writes "refused: ..." in the trace: those calls
        // are blocked by the plan. The evaluator says 603 for lists and regions, 486/503 for limits. A target
        // that refuses (an extension in do-not-disturb: 486) is busy; an unknown number or target failed.
        var screened = trace.Any(t => t.StartsWith("refused:", StringComparison.Ordinal));
        var (status, outcome) = (reject.SipCode, screened) switch
        {
            (603, _) => (blockedStatus, CallOutcome.Blocked),
            (_, true) => (reject.SipCode, CallOutcome.Blocked),
            (486, false) => (486, CallOutcome.Busy),
            _ => (reject.SipCode, CallOutcome.Failed),
        };
        return RouteResult.Refuse(status, outcome, reject.Reason, region);
    }
}
