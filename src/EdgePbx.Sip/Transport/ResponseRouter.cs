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
        var source = request.Source;
        if (source.IsReliable)
        {
            // 18.2.2: reliable transport: reuse the connection the request came on (a new one to the
            // source if it has closed; the transport handles that).
            return source;
        }

        if (PlainVia.TryGet(request.Message, out var top) && !PlainVia.HasParameter(request.Message.Raw.Span, top, "maddr"u8))
        {
            // The common Via read from its bytes (no parsed Via list): the same rule as below.
            var plainPort = top.HasRPort ? source.EndPoint.Port : top.Port >= 0 ? top.Port : DefaultPort;
            return ToSource(source, plainPort);
        }

        return FromParsedVia(request);
    }

    /// <summary>The same for an unreliable source from the parsed top Via, for the shapes <see cref="PlainVia"/> does not read.</summary>
    internal static SipPeer FromParsedVia(SipInbound request)
    {
        var source = request.Source;
        var via = request.Message.TopVia;
        if (via.MAddr is { } maddr && IPAddress.TryParse(maddr.Trim('[', ']'), out var maddrIp))
        {
            return new SipPeer(SipTransportKind.Udp, new IPEndPoint(maddrIp, via.Port ?? DefaultPort));
        }

        // 18.2.2 + RFC 3581 4: the address is always the packet's source (what received= names);
        // the port is the source port when rport was asked for, otherwise sent-by's port.
        // Most often that is the source itself (rport, or a peer sending from its sent-by port): its endpoint is
        // reused, not copied for every server transaction to hold for up to 32 s.
        var port = via.RPort is not null ? source.EndPoint.Port : via.Port ?? DefaultPort;
        return ToSource(source, port);
    }

    private static SipPeer ToSource(SipPeer source, int port) =>
        new(SipTransportKind.Udp, port == source.EndPoint.Port ? source.EndPoint : new IPEndPoint(source.EndPoint.Address, port));
}
