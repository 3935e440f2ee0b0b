using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Transport;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Options;
using EdgePbx.Switchboard.Signalling;

namespace EdgePbx.Switchboard.Legs;

/// <summary>
/// Turns a member target into the INVITEs that ring it: "ext:101" forks to every registered contact of
/// sip:101@domain (each domain the box answers for); "external:138..." goes once through the trunk with the
/// caller's number shown as the trunk options say.
/// </summary>
internal sealed class MemberDialer(CallEngineOptions options, IBindingStore bindings, TimeProvider time, Func<SipBinding, bool>? reachable = null)
{
    private readonly Func<SipBinding, bool> _reachable = reachable ?? (static _ => true);

    public IReadOnlyList<LegRequest> Resolve(string target, string caller, string callerDisplay)
    {
        if (target.StartsWith("ext:", StringComparison.Ordinal))
        {
            return Extension(target["ext:".Length..], caller, callerDisplay);
        }

        if (target.StartsWith("external:", StringComparison.Ordinal))
        {
            return External(target["external:".Length..], caller);
        }

        return [];
    }

    /// <summary>Current (unexpired) contacts of an extension under any of the box's domains.</summary>
    public IReadOnlyList<SipBinding> ContactsOf(string extension)
    {
        var now = time.GetUtcNow();
        var found = new List<SipBinding>(1);
        AddLive(found, extension, options.Domain, now);
        foreach (var domain in options.ExtraDomains)
        {
            AddLive(found, extension, domain, now);
        }

        // Highest preference first (the contact's q, RFC 3261 10.2.1.2; none counts as 1.0); equal q keep their order.
        for (var i = 1; i < found.Count; i++)
        {
            var binding = found[i];
            var j = i - 1;
            while (j >= 0 && (found[j].Q ?? 1.0) < (binding.Q ?? 1.0))
            {
                found[j + 1] = found[j];
                j--;
            }

            found[j + 1] = binding;
        }

        return found;
    }

    private void AddLive(List<SipBinding> found, string extension, string domain, DateTimeOffset now)
    {
        foreach (var binding in bindings.GetBindings($"sip:{extension}@{domain.ToLowerInvariant()}"))
        {
            if (binding.ExpiresAt > now)
            {
                found.Add(binding);
            }
        }
    }

    private List<LegRequest> Extension(string extension, string caller, string callerDisplay)
    {
        var list = new List<LegRequest>();
        foreach (var binding in ContactsOf(extension))
        {
            // A contact that stopped answering the stack's OPTIONS is not rung: with no other contact the
            // member counts as not registered and the hunt moves on instead of waiting out its ring time.
            var peer = BindingPeer.For(binding);
            if (peer is null || !_reachable(binding))
            {
                continue;
            }

            var from = $"\"{Quote(callerDisplay)}\" <sip:{caller}@{options.Domain}>";
            list.Add(new LegRequest(peer.Value, new OutboundInvite(binding.ContactUri, from, $"<sip:{extension}@{options.Domain}>", caller, null), extension, LegKind.HuntAttempt));
        }

        return list;
    }

    private List<LegRequest> External(string number, string caller)
    {
        if (options.Trunk is not { } trunk)
        {
            return [];
        }

        var callerUri = $"<sip:{caller}@{trunk.FromDomain}>";
        var (from, pai) = trunk.CallerId == CallerIdMode.From
            ? (callerUri, (string?)null)
            : ($"<sip:{trunk.Account}@{trunk.FromDomain}>", callerUri);
        var invite = new OutboundInvite($"sip:{number}@{trunk.Host}", from, $"<sip:{number}@{trunk.Host}>", trunk.Account, pai);
        return [new LegRequest(trunk.Target, invite, null, LegKind.Forward)];
    }

    private static string Quote(string display) => display.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
