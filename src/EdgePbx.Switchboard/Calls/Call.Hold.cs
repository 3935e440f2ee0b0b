using System.Net;
using System.Text;
using EdgePbx.Media.Sdp;
using EdgePbx.Sip.Stack;
using EdgePbx.Switchboard.Legs;

namespace EdgePbx.Switchboard.Calls;

/// <summary>
/// Hold and resume: re-INVITEs from either side of an answered call (RFC 3264 8.4, RFC 6337 5.3). The box
/// anchors the media, so it answers each re-offer itself from the leg's own RTP port, with the direction the
/// offer asks for (sendonly is answered recvonly, inactive with inactive, sendrecv again on resume). The
/// relay between the legs keeps running through hold and resume; a new address in the offer is followed.
/// </summary>
internal sealed partial class Call
{
    private void OnReInvite(SipServerRequest request, bool fromCaller, OutboundLeg? leg)
    {
        var side = fromCaller ? "caller" : "callee";
        if (Phase != CallPhase.Answered || _media is null || (!fromCaller && (leg is null || !ReferenceEquals(leg, _answered))))
        {
            // A re-offer we cannot take now: RFC 3261 14.2 leaves the session as it was.
            HoldLog.ReofferOutOfPhase(_services.Logger, Key, side, Phase);
            request.Respond(488, "Not Acceptable Here");
            return;
        }

        byte[]? sdp;
        IPEndPoint? remote;
        string contact;
        if (fromCaller)
        {
            (sdp, remote) = _inbound.AnswerReoffer(request.Message.Body);
            contact = $"<sip:{Called}@{_services.Options.SipSentBy}>";
        }
        else
        {
            sdp = leg!.AnswerReoffer(request.Message.Body, out remote, out _);
            contact = leg.Contact;
        }

        if (sdp is null)
        {
            HoldLog.ReofferRefused(_services.Logger, Key, side, "offer missing or unusable");
            request.Respond(488, "Not Acceptable Here");
            return;
        }

        if (remote is not null && !remote.Address.Equals(IPAddress.Any))
        {
            (fromCaller ? _media.Caller : leg!.Session!).SetRemoteEndPoint(remote);
        }

        var direction = AnsweredDirection(sdp);
        HoldLog.Reoffered(_services.Logger, Key, side, direction);
        request.Respond(200, "OK", [new("Contact", contact)], sdp, "application/sdp");
    }

    private static MediaDirection AnsweredDirection(byte[] sdp) =>
        SdpParser.Parse(Encoding.UTF8.GetString(sdp)).Description is { Media.Count: > 0 } d ? d.Media[0].Direction ?? MediaDirection.SendReceive : MediaDirection.SendReceive;
}
