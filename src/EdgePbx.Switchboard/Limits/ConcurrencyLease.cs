namespace EdgePbx.Switchboard.Limits;

/// <summary>One call's place in a <see cref="ConcurrencyTracker"/> count.</summary>
public sealed class ConcurrencyLease : IDisposable
{
    private ConcurrencyTracker? _owner;

    internal ConcurrencyLease(ConcurrencyTracker owner, string key)
    {
        _owner = owner;
        Key = key;
    }

    public string Key { get; }

    public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release(Key);
}
