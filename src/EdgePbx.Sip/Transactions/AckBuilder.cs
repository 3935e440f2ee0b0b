using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Transactions;

/// <summary>RFC 3261 17.1.1.3: the ACK a client INVITE transaction sends for a 300-699 response.</summary>
public static class AckBuilder
{
    public static byte[] ForNonSuccess(SipMessage invite, SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        // Same Request-URI, Call-ID, From, CSeq number; To from the response; one Via: the INVITE's top Via; Routes kept.
        var b = SipMessageBuilder.Request("ACK", invite.RequestTarget)
            .Add("Via", invite.TopVia.ToString())
            .Add("From", invite.GetHeader(HeaderKind.From)!)
            .Add("To", response.GetHeader(HeaderKind.To)!)
            .Add("Call-ID", invite.CallId)
            .Add("CSeq", $"{invite.CSeqNumber} ACK")
            .Add("Max-Forwards", "70");
        foreach (var route in invite.GetHeaderValues(HeaderKind.Route))
        {
            b.Add("Route", route);
        }

        return b.ToBytes();
    }
}
