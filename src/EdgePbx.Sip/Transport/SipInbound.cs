using System.Globalization;
using System.Net;
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
        var via = Message.TopVia;
        var sourceIp = Source.EndPoint.Address.IsIPv4MappedToIPv6 ? Source.EndPoint.Address.MapToIPv4() : Source.EndPoint.Address;
        var source = sourceIp.ToString();
        var hostIp = via.Host.Trim('[', ']');
        var wantsRPort = via.RPort is not null;
        var parameters = new List<SipParameter>(via.Parameters.Count + 1);
        var needReceived = wantsRPort || !(IPAddress.TryParse(hostIp, out var h) && h.Equals(sourceIp));
        foreach (var p in via.Parameters)
        {
            if (p.Name.Equals("received", StringComparison.OrdinalIgnoreCase) && needReceived)
            {
                continue;
            }

            parameters.Add(wantsRPort && p.Name.Equals("rport", StringComparison.OrdinalIgnoreCase)
                ? new SipParameter("rport", Source.EndPoint.Port.ToString(CultureInfo.InvariantCulture))
                : p);
        }

        if (needReceived)
        {
            parameters.Add(new SipParameter("received", source));
        }

        return (via with { Parameters = parameters }).ToString();
    }
}
