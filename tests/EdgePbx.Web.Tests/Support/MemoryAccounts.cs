using EdgePbx.Web.Security;

namespace EdgePbx.Web.Tests.Support;

/// <summary>Test fake: accounts in a dictionary (fast; <see cref="StoredInstallerAccounts"/> has its own tests over SQLite).</summary>
public sealed class MemoryAccounts : IInstallerAccounts
{
    private readonly Dictionary<string, string> _passwords = new(StringComparer.OrdinalIgnoreCase);

    public bool HasAnyAccount()
    {
        lock (_passwords)
        {
            return _passwords.Count > 0;
        }
    }

    public Task<bool> TryCreateFirstAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        lock (_passwords)
        {
            if (_passwords.Count > 0)
            {
                return Task.FromResult(false);
            }
            _passwords[user] = password;
            return Task.FromResult(true);
        }
    }

    public bool Verify(string user, string password)
    {
        lock (_passwords)
        {
            return _passwords.TryGetValue(user, out var p) && p == password;
        }
    }
}
