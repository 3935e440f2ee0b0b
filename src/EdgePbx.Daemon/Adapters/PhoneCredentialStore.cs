using EdgePbx.Sip.Auth;
using EdgePbx.Storage.Phones;
using EdgePbx.Switchboard.Plans;

namespace EdgePbx.Daemon.Adapters;

/// <summary>
/// Digest passwords for desk phones: an extension of the plan in force, in the box's realm, with a
/// SIP password set (web page or <c>edgepbx phone set</c>). An extension the plan dropped cannot
/// register even if its password is still stored. A miss reloads the store at most every 5 s, so a
/// password set by the command line while the daemon runs is seen without a restart.
/// </summary>
public sealed class PhoneCredentialStore(PhoneAccountStore phones, ActivePlan plan, string boxRealm, TimeProvider time) : ICredentialStore
{
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(5);
    private long _lastReload = time.GetTimestamp();

    public string? FindPassword(string username, string realm)
    {
        if (!string.Equals(realm, boxRealm, StringComparison.OrdinalIgnoreCase)
            || plan.Current?.Plan.Extensions.ContainsKey(username) != true)
        {
            return null;
        }

        if (phones.FindSipPassword(username) is { } password)
        {
            return password;
        }

        var last = Interlocked.Read(ref _lastReload);
        if (time.GetElapsedTime(last) >= ReloadInterval && Interlocked.CompareExchange(ref _lastReload, time.GetTimestamp(), last) == last)
        {
            phones.Reload();
            return phones.FindSipPassword(username);
        }

        return null;
    }
}
