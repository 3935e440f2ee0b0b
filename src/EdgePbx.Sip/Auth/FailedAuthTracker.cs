using System.Collections.Concurrent;
using System.Net;

namespace EdgePbx.Sip.Auth;

/// <summary>Counts failed authentications per source address and blocks an address that fails too often.</summary>
public sealed class FailedAuthTracker
{
    private readonly TimeProvider _time;
    private readonly DigestAuthenticatorOptions _options;
    private readonly ConcurrentDictionary<IPAddress, (int Count, DateTimeOffset WindowStart, DateTimeOffset BlockedUntil)> _entries = new();

    public FailedAuthTracker(TimeProvider time, DigestAuthenticatorOptions options)
    {
        _time = time;
        _options = options;
    }

    public bool IsBlocked(IPAddress source) =>
        _entries.TryGetValue(source, out var e) && e.BlockedUntil > _time.GetUtcNow();

    public void RecordFailure(IPAddress source)
    {
        var now = _time.GetUtcNow();
        _entries.AddOrUpdate(
            source,
            _ => (1, now, Block(1, now)),
            (_, e) =>
            {
                var count = now - e.WindowStart > _options.FailureWindow ? 1 : e.Count + 1;
                var start = count == 1 ? now : e.WindowStart;
                return (count, start, e.BlockedUntil > now ? e.BlockedUntil : Block(count, now));
            });
    }

    public void RecordSuccess(IPAddress source) => _entries.TryRemove(source, out _);

    private DateTimeOffset Block(int count, DateTimeOffset now) =>
        count >= _options.MaxFailures ? now + _options.BlockDuration : DateTimeOffset.MinValue;
}
