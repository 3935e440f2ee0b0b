using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Transport;

/// <summary>A parsed message and where it came from.</summary>
public sealed record SipInbound(SipMessage Message, SipPeer Source, IPEndPoint Local)
{
    /// <summary>
    /// The top Via as the server must echo it: RFC 3261 18.2.1 adds received= when the sent-by host
    /// differs from the source address; RFC 3581 4 fills rport= (and then always received=).
    /// </summary>
    public string TopViaForResponse()
    {
        var address = Source.EndPoint.Address;
        var sourceIp = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (PlainVia.TryGet(Message, out var top))
        {
            var raw = Message.Raw.Span;
            Span<char> host = stackalloc char[top.Host.Length];
            var rport = top.HasRPort;
            var received = NeedsReceived(rport, PlainVia.Host(raw, top, host), sourceIp);
            var plain = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
            PlainVia.AppendEchoed(ref plain, raw, top, dropReceived: received, rport ? Source.EndPoint.Port : null);
            return Finish(ref plain, received, sourceIp);
        }

        return FromParsedVia(sourceIp);
    }

    /// <summary>The same from the parsed top Via, for the shapes <see cref="PlainVia"/> does not read.</summary>
    internal string FromParsedVia(IPAddress sourceIp)
    {
        var via = Message.TopVia;
        var wantsRPort = via.RPort is not null;
        var needReceived = NeedsReceived(wantsRPort, via.Host.AsSpan().Trim('[').Trim(']'), sourceIp);

        // Written in place (no parameter list, no copy of the Via, no string per part): every request is answered.
        var text = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        via.AppendSentBy(ref text);
        foreach (var p in via.Parameters)
        {
            if (needReceived && p.Name.Equals("received", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (wantsRPort && p.Name.Equals("rport", StringComparison.OrdinalIgnoreCase))
            {
                text.AppendLiteral(";rport=");
                text.AppendFormatted(Source.EndPoint.Port);
            }
            else
            {
                ViaHeader.AppendParameter(ref text, p.Name, p.Value);
            }
        }

        return Finish(ref text, needReceived, sourceIp);
    }

    /// <summary>RFC 3261 18.2.1, RFC 3581 4: received is added when the sent-by host is not the source address, and always with rport.</summary>
    private static bool NeedsReceived(bool rport, ReadOnlySpan<char> host, IPAddress sourceIp) =>
        rport || !(IPAddress.TryParse(host, out var hostIp) && hostIp.Equals(sourceIp));

    private static string Finish(ref DefaultInterpolatedStringHandler text, bool received, IPAddress sourceIp)
    {
        if (received)
        {
            text.AppendLiteral(";received=");
            text.AppendFormatted(sourceIp);
        }

        return text.ToStringAndClear();
    }
}
