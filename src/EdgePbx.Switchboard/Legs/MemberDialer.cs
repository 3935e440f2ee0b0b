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
        var found = new List<SipBinding>();
        foreach (var domain in new[] { options.Domain }.Concat(options.ExtraDomains))
        {
            var aor = $"sip:{extension}@{domain.ToLowerInvariant()}";
            found.AddRange(bindings.GetBindings(aor).Where(b => b.ExpiresAt > now));
        }

        return found.OrderByDescending(b => b.Q ?? 1.0).ToList();
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
