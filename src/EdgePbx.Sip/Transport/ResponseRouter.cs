using System.Net;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Transport;

/// <summary>RFC 3261 18.2.2 (with RFC 3581 rport): where a server transport sends a response.</summary>
public static class ResponseRouter
{
    public const int DefaultPort = 5060;

    public static SipPeer Route(SipInbound request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var via = request.Message.TopVia;
        var source = request.Source;
        if (source.IsReliable)
        {
            // 18.2.2: reliable transport: reuse the connection the request came on (a new one to the
            // source if it has closed; the transport handles that).
            return source;
        }

        if (via.MAddr is { } maddr && IPAddress.TryParse(maddr.Trim('[', ']'), out var maddrIp))
        {
            return new SipPeer(SipTransportKind.Udp, new IPEndPoint(maddrIp, via.Port ?? DefaultPort));
        }

        // 18.2.2 + RFC 3581 4: the address is always the packet's source (what received= names);
        // the port is the source port when rport was asked for, otherwise sent-by's port.
        // Most often that is the source itself (rport, or a peer sending from its sent-by port): its endpoint is
        // reused, not copied for every server transaction to hold for up to 32 s.
        var port = via.RPort is not null ? source.EndPoint.Port : via.Port ?? DefaultPort;
        return new SipPeer(SipTransportKind.Udp, port == source.EndPoint.Port ? source.EndPoint : new IPEndPoint(source.EndPoint.Address, port));
    }
}
