using EdgePbx.Routing.Model;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Switchboard.Transfer;

/// <summary>
/// Where a REFER may send a call. Only the plan's own extensions: phones have no plan rule for calls out of
/// the trunk, so a transfer to any other number (or to another host) is refused rather than letting a REFER
/// do what an INVITE from the same phone may not. Attended transfer (Refer-To with embedded Replaces) is not
/// taken either.
/// </summary>
internal static class TransferTarget
{
    /// <summary>The extension the Refer-To header names, or null and the reason it is refused.</summary>
    public static string? Resolve(string? referTo, RoutingPlan plan, string domain, IReadOnlyList<string> extraDomains, string transferor, out string refusal)
    {
        ArgumentNullException.ThrowIfNull(plan);
        refusal = string.Empty;
        if (referTo is null)
        {
            refusal = "REFER without Refer-To";
            return null;
        }

        var text = referTo.Trim();
        var open = text.IndexOf('<', StringComparison.Ordinal);
        var close = text.IndexOf('>', StringComparison.Ordinal);
        var uriText = open >= 0 && close > open ? text[(open + 1)..close] : text.Split(';')[0];
        if (uriText.Contains('?', StringComparison.Ordinal))
        {
            refusal = "attended transfer (embedded headers) is not supported";
            return null;
        }

        if (!SipUri.TryParse(uriText, out var uri, out _) || uri!.User is not { } rawUser)
        {
            refusal = "Refer-To is not a SIP URI with a user";
            return null;
        }

        var host = uri.Host;
        var ours = string.Equals(host, domain, StringComparison.OrdinalIgnoreCase)
            || extraDomains.Any(d => string.Equals(host, d, StringComparison.OrdinalIgnoreCase))
            || host.StartsWith(domain + ":", StringComparison.OrdinalIgnoreCase);
        var user = SipUri.Unescape(rawUser);
        if (!ours || !plan.Extensions.TryGetValue(user, out var extension))
        {
            refusal = $"transfer target {user}@{host} is not an extension of the plan";
            return null;
        }

        if (user == transferor)
        {
            refusal = "transfer to the transferring phone itself";
            return null;
        }

        if (extension.DoNotDisturb)
        {
            refusal = $"extension {user} is in do-not-disturb";
            return null;
        }

        return user;
    }
}
