namespace EdgePbx.Switchboard.Limits;

/// <summary>
/// Remembers when each caller called, so the plan's per-caller frequency limits ("at most 3 calls in
/// 10 minutes", "20 a day") can be checked at the moment a call arrives. Memory is bounded: entries
/// older than the longest window are dropped, and beyond <see cref="MaxCallers"/> the caller seen
/// least recently is forgotten (a flood of spoofed numbers cannot exhaust memory).
/// </summary>
public sealed class CallerFrequencyTracker(TimeProvider time, TimeSpan longestWindow, int maxCallers = 100_000)
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _recency = new();
    private readonly Dictionary<string, LinkedListNode<string>> _recencyNodes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int MaxCallers => maxCallers;

    public int TrackedCallers
    {
        get
        {
            lock (_gate)
            {
                return _calls.Count;
            }
        }
    }

    /// <summary>Counts this caller's calls within the window ending now (not counting a call being decided).</summary>
    public int CountWithin(string caller, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var since = time.GetUtcNow() - window;
        lock (_gate)
        {
            if (!_calls.TryGetValue(caller, out var calls))
            {
                return 0;
            }
            int count = 0;
            foreach (var at in calls)
            {
                if (at > since)
                {
                    count++;
                }
            }
            return count;
        }
    }

    /// <summary>Records a call from this caller now.</summary>
    public void Record(string caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_calls.TryGetValue(caller, out var calls))
            {
                if (_calls.Count >= maxCallers)
                {
                    Forget(_recency.First!.Value);
                }
                calls = new Queue<DateTimeOffset>();
                _calls[caller] = calls;
                _recencyNodes[caller] = _recency.AddLast(caller);
            }
            else
            {
                var node = _recencyNodes[caller];
                _recency.Remove(node);
                _recency.AddLast(node);
            }
            calls.Enqueue(now);
            Trim(calls, now);
        }
    }

    /// <summary>Drops what no window can see any more; called by the engine's housekeeping timer.</summary>
    public void Prune()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var caller in _calls.Keys.ToList())
            {
                var calls = _calls[caller];
                Trim(calls, now);
                if (calls.Count == 0)
                {
                    Forget(caller);
                }
            }
        }
    }

    private void Trim(Queue<DateTimeOffset> calls, DateTimeOffset now)
    {
        while (calls.Count > 0 && calls.Peek() <= now - longestWindow)
        {
            calls.Dequeue();
        }
    }

    private void Forget(string caller)
    {
        _calls.Remove(caller);
        if (_recencyNodes.Remove(caller, out var node))
        {
            _recency.Remove(node);
        }
    }
}
