using EdgePbx.Cloud.Apply;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>Plan history in memory, with the same atomic contract the SQLite store gives the daemon.</summary>
internal sealed class InMemoryPlanStore : IPlanStore
{
    private readonly object _sync = new();
    private AcceptedPlan? _current;
    private AcceptedPlan? _lastKnownGood;
    private long _highest;
    private TaskCompletionSource<AcceptedPlan> _nextApply = New();

    public int ApplyCount { get; private set; }

    public bool FailNextApply { get; set; }

    public AcceptedPlan? Current
    {
        get { lock (_sync) { return _current; } }
    }

    /// <summary>Completes when the next plan is applied (tests await it with a deadline).</summary>
    public Task<AcceptedPlan> NextApply
    {
        get { lock (_sync) { return _nextApply.Task; } }
    }

    public ValueTask<PlanStoreState> GetStateAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            return ValueTask.FromResult(new PlanStoreState(_current?.Version, _lastKnownGood?.Version, _highest));
        }
    }

    public ValueTask ApplyAsync(AcceptedPlan plan, CancellationToken cancellationToken)
    {
        TaskCompletionSource<AcceptedPlan> signal;
        lock (_sync)
        {
            if (FailNextApply)
            {
                FailNextApply = false;
                throw new IOException("disk full");
            }

            _lastKnownGood = _current;
            _current = plan;
            _highest = Math.Max(_highest, plan.Version);
            ApplyCount++;
            signal = _nextApply;
            _nextApply = New();
        }

        signal.TrySetResult(plan);
        return ValueTask.CompletedTask;
    }

    public ValueTask<PlanStoreState?> RollbackAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_lastKnownGood is null)
            {
                return ValueTask.FromResult<PlanStoreState?>(null);
            }

            _current = _lastKnownGood;
            _lastKnownGood = null;
            return ValueTask.FromResult<PlanStoreState?>(new PlanStoreState(_current.Version, null, _highest));
        }
    }

    private static TaskCompletionSource<AcceptedPlan> New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
