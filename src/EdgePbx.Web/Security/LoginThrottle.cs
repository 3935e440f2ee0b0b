using System.Collections.Concurrent;

namespace EdgePbx.Web.Security;

/// <summary>
/// Lock-out after repeated wrong passwords, per user name and per client address, so neither guessing one
/// account from many places nor many accounts from one place gets far. Each further failure doubles the
/// lock (1, 2, 4 ... up to 60 minutes); a success clears the count.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int FreeAttempts = 5;
    private static readonly TimeSpan FirstLock = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestLock = TimeSpan.FromMinutes(60);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset LockedUntil);

    /// <summary>When the key may try again, or null if it may try now.</summary>
    public DateTimeOffset? LockedUntil(string user, string client)
    {
        var now = time.GetUtcNow();
        DateTimeOffset? until = null;
        foreach (var key in Keys(user, client))
        {
            if (_failures.TryGetValue(key, out var f) && f.LockedUntil > now && (until is null || f.LockedUntil > until))
            {
                until = f.LockedUntil;
            }
        }
        return until;
    }

    public void Failed(string user, string client)
    {
        var now = time.GetUtcNow();
        foreach (var key in Keys(user, client))
        {
            _failures.AddOrUpdate(
                key,
                _ => new Failures(1, now),
                (_, f) =>
                {
                    int count = f.Count + 1;
                    if (count < FreeAttempts)
                    {
                        return f with { Count = count };
                    }
                    var lockFor = TimeSpan.FromTicks(Math.Min(LongestLock.Ticks, FirstLock.Ticks << Math.Min(count - FreeAttempts, 6)));
                    return new Failures(count, now + lockFor);
                });
        }
    }

    public void Succeeded(string user, string client)
    {
        foreach (var key in Keys(user, client))
        {
            _failures.TryRemove(key, out _);
        }
    }

    private static string[] Keys(string user, string client) => ["user:" + user.ToUpperInvariant(), "client:" + client];
}
