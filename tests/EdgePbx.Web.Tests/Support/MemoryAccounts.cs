using EdgePbx.Web.Security;

namespace EdgePbx.Web.Tests.Support;

/// <summary>Test fake: accounts in a dictionary (the daemon's real store hashes into SQLite).</summary>
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

    public bool TryCreateFirst(string user, string password)
    {
        lock (_passwords)
        {
            if (_passwords.Count > 0)
            {
                return false;
            }
            _passwords[user] = password;
            return true;
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
