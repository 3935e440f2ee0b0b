using System.Net;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Registration;

/// <summary>Where requests to a registered contact go.</summary>
public static class BindingPeer
{
    /// <summary>
    /// The contact's own address when it names the address the REGISTER came from (a phone not behind NAT);
    /// otherwise where the REGISTER came from (behind NAT the contact is a private address and the NAT's
    /// mapping is the way in). Null when neither is a literal address (no DNS here).
    /// </summary>
    public static SipPeer? For(SipBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var source = FromSource(binding.Source);
        var contact = FromUri(binding.ContactUri);
        if (source is { } s && contact is { } c && !c.EndPoint.Address.Equals(s.EndPoint.Address))
        {
            return s;
        }

        return contact ?? source;
    }

    /// <summary>A binding's source as the stack writes it ("UDP:192.0.2.7:5060", "TCP:[2001:db8::7]:5060").</summary>
    public static SipPeer? FromSource(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || TransportNamed(source.AsSpan(0, colon)) is not { } transport)
        {
            return null;
        }

        return IPEndPoint.TryParse(source.AsSpan(colon + 1), out var endPoint) ? new SipPeer(transport, endPoint) : null;
    }

    // Not Enum.TryParse: it reads the enum's names by reflection on every call (one per call routed to a phone).
    private static SipTransportKind? TransportNamed(ReadOnlySpan<char> name) =>
        name.Equals("UDP", StringComparison.OrdinalIgnoreCase) ? SipTransportKind.Udp
        : name.Equals("TCP", StringComparison.OrdinalIgnoreCase) ? SipTransportKind.Tcp
        : null;

    /// <summary>The host:port of a contact URI when it is a literal address (RFC 5118: IPv6 in brackets).</summary>
    public static SipPeer? FromUri(string uri)
    {
        if (!SipUri.TryParse(uri, out var parsed, out _) || parsed is null || !parsed.IsSip
            || !IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var address))
        {
            return null;
        }

        var transport = string.Equals(parsed.GetParameter("transport"), "tcp", StringComparison.OrdinalIgnoreCase) ? SipTransportKind.Tcp : SipTransportKind.Udp;
        return new SipPeer(transport, new IPEndPoint(address, parsed.Port ?? 5060));
    }
}
