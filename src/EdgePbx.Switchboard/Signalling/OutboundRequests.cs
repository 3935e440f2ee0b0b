using System.Globalization;
using EdgePbx.Sip.Messages;

namespace EdgePbx.Switchboard.Signalling;

/// <summary>Builds the requests a B2BUA leg sends outside its dialog: the INVITE and its CANCEL.</summary>
internal static class OutboundRequests
{
    public static SipMessage Invite(OutboundInvite invite, string callId, string fromTag, string sentBy, string transport, ReadOnlyMemory<byte> sdp)
    {
        var b = SipMessageBuilder.Request("INVITE", invite.RequestUri)
            .Add("Via", $"SIP/2.0/{transport} {sentBy};branch={SipIds.Branch()};rport")
            .Add("Max-Forwards", "70")
            .Add("From", $"{invite.From};tag={fromTag}")
            .Add("To", invite.To)
            .Add("Call-ID", callId)
            .Add("CSeq", "1 INVITE")
            .Add("Contact", $"<sip:{invite.ContactUser}@{sentBy}>")
            .Add("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE")
            .Add("User-Agent", "EdgePbx");
        if (invite.PAssertedIdentity is { } pai)
        {
            b.Add("P-Asserted-Identity", pai);
        }

        if (invite.ReferredBy is { } referredBy)
        {
            // RFC 3892 3: a transfer's INVITE carries the REFER's Referred-By unchanged.
            b.Add("Referred-By", referredBy);
        }

        return b.WithBody(sdp, "application/sdp").Build();
    }

    /// <summary>
    /// RFC 3261 9.1: same Request-URI, Call-ID, From, To (no tag added) and CSeq number as the INVITE, method
    /// CANCEL, one Via equal to the INVITE's top Via, and the INVITE's Route headers.
    /// </summary>
    public static SipMessage Cancel(SipMessage invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var b = SipMessageBuilder.Request("CANCEL", invite.RequestTarget)
            .Add("Via", invite.TopVia.ToString())
            .Add("Max-Forwards", "70")
            .Add("From", invite.GetHeader(HeaderKind.From)!)
            .Add("To", invite.GetHeader(HeaderKind.To)!)
            .Add("Call-ID", invite.CallId)
            .Add("CSeq", string.Create(CultureInfo.InvariantCulture, $"{invite.CSeqNumber} CANCEL"));
        foreach (var route in invite.GetHeaderValues(HeaderKind.Route))
        {
            b.Add("Route", route);
        }

        return b.Build();
    }
}
