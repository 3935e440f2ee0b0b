namespace EdgePbx.Switchboard.Limits;

/// <summary>
/// Calls in progress per key (an access number, a trunk, a member). A call takes a lease when it starts
/// and disposes it when it ends; disposing twice counts once, so a call that ends along two paths (BYE
/// and a media timeout at once) cannot drive a count below the truth.
/// </summary>
public sealed class ConcurrencyTracker
{
    private readonly Dictionary<string, int> _active = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Active(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return _active.GetValueOrDefault(key);
        }
    }

    /// <summary>Takes a lease if fewer than <paramref name="limit"/> calls hold one; null when the limit is reached.</summary>
    public ConcurrencyLease? TryAcquire(string key, int limit)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            int now = _active.GetValueOrDefault(key);
            if (now >= limit)
            {
                return null;
            }
            _active[key] = now + 1;
            return new ConcurrencyLease(this, key);
        }
    }

    /// <summary>Takes a lease whatever the count (calls that are counted but not limited).</summary>
    public ConcurrencyLease Acquire(string key) => TryAcquire(key, int.MaxValue)!;

    internal void Release(string key)
    {
        lock (_gate)
        {
            int now = _active.GetValueOrDefault(key);
            if (now <= 1)
            {
                _active.Remove(key);
            }
            else
            {
                _active[key] = now - 1;
            }
        }
    }
}
