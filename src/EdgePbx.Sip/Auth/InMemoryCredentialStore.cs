using System.Collections.Concurrent;

namespace EdgePbx.Sip.Auth;

/// <summary>Credentials held in memory (tests, and the daemon before storage is wired).</summary>
public sealed class InMemoryCredentialStore : ICredentialStore
{
    private readonly ConcurrentDictionary<string, string> _passwords = new(StringComparer.Ordinal);

    public void Set(string username, string password) => _passwords[username] = password;

    public string? FindPassword(string username, string realm) => _passwords.TryGetValue(username, out var p) ? p : null;
}
