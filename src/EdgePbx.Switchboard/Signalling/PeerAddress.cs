using System.Net;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Switchboard.Signalling;

/// <summary>Where to send requests to a registered phone.</summary>
internal static class PeerAddress
{
    /// <summary>
    /// A binding's source as the registrar writes it ("UDP:192.0.2.7:5060"): where the REGISTER came from,
    /// which is where a phone behind NAT can be reached.
    /// </summary>
    public static SipPeer? FromBindingSource(string source)
    {
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Enum.TryParse<SipTransportKind>(source[..colon], ignoreCase: true, out var transport))
        {
            return null;
        }

        return IPEndPoint.TryParse(source[(colon + 1)..], out var endPoint) ? new SipPeer(transport, endPoint) : null;
    }

    /// <summary>The host:port of a contact URI when it is a literal address (no DNS here).</summary>
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
