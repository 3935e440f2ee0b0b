using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EdgePbx.Web.Security;

/// <summary>
/// Sessions held in memory: a reboot logs everyone out, which is what an appliance should do.
/// Tokens are 256-bit random values; a session slides forward on use and dies after idling.
/// </summary>
public sealed class SessionStore(TimeProvider time)
{
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(30);
    private const int MaxSessions = 64;

    private readonly ConcurrentDictionary<string, InstallerSession> _sessions = new(StringComparer.Ordinal);

    public InstallerSession Create(string user)
    {
        Prune();
        if (_sessions.Count >= MaxSessions)
        {
            // Oldest first: a flood of logins cannot grow memory without bound.
            foreach (var old in _sessions.Values.OrderBy(s => s.ExpiresAt).Take(_sessions.Count - MaxSessions + 1))
            {
                _sessions.TryRemove(old.Token, out _);
            }
        }
        var session = new InstallerSession(NewToken(), user, NewToken(), time.GetUtcNow() + IdleLifetime);
        _sessions[session.Token] = session;
        return session;
    }

    /// <summary>The live session for a cookie value, extended by use; null when unknown or expired.</summary>
    public InstallerSession? Find(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_sessions.TryGetValue(token, out var session))
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (session.ExpiresAt <= now)
        {
            _sessions.TryRemove(token, out _);
            return null;
        }
        var extended = session with { ExpiresAt = now + IdleLifetime };
        _sessions.TryUpdate(token, extended, session);
        return extended;
    }

    public void End(string? token)
    {
        if (token is not null)
        {
            _sessions.TryRemove(token, out _);
        }
    }

    /// <summary>Ends every session of a user (after a password change).</summary>
    public void EndAll(string user)
    {
        foreach (var session in _sessions.Values.Where(s => s.User == user))
        {
            _sessions.TryRemove(session.Token, out _);
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var expired in _sessions.Values.Where(s => s.ExpiresAt <= now))
        {
            _sessions.TryRemove(expired.Token, out _);
        }
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
