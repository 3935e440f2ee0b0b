using System.Net;
using System.Text;
using EdgePbx.Media.Sdp;

namespace EdgePbx.Switchboard.Legs;

/// <summary>The callee's re-INVITEs (hold, resume, a new address) on an answered leg.</summary>
internal sealed partial class OutboundLeg
{
    private string? _lastSdp;
    private ulong _sdpVersion = 1;

    /// <summary>Our Contact in this leg's dialog (the one our INVITE carried).</summary>
    public string Contact => $"<sip:{_what.ContactUser}@{_services.Options.SipSentBy}>";

    /// <summary>
    /// RFC 3264 8: answers the callee's new offer from the same RTP port and codecs as our first offer, with the
    /// direction the offer asks for (sendonly is answered recvonly, inactive inactive; RFC 3264 6.1). The
    /// origin's version goes up only when our description changes (RFC 3264 8). Null when the offer is
    /// missing or unusable (the caller of this answers 488 and the session stays as it was, RFC 3261 14.2).
    /// <paramref name="newRemote"/> is where to send from now on, null to keep the current address (also for
    /// an old-style hold with c=0.0.0.0, RFC 3264 8.4).
    /// </summary>
    public byte[]? AnswerReoffer(ReadOnlyMemory<byte> body, out IPEndPoint? newRemote, out MediaDirection direction)
    {
        newRemote = null;
        direction = MediaDirection.SendReceive;
        if (_caps is null || _offer is null || body.IsEmpty || State != OutboundLegState.Answered)
        {
            return null;
        }

        if (SdpParser.Parse(Encoding.UTF8.GetString(body.Span)).Description is not { } offer)
        {
            return null;
        }

        var result = OfferAnswer.CreateAnswer(offer, _caps, _offer.Origin.SessionId, _sdpVersion);
        if (result.Media is not { } media || result.Answer is not { } answer || !IPAddress.TryParse(media.RemoteAddress, out var address))
        {
            return null;
        }

        var text = SdpWriter.Write(answer);
        if (_lastSdp is not null && !string.Equals(text, _lastSdp, StringComparison.Ordinal))
        {
            _sdpVersion++;
            text = SdpWriter.Write(answer with { Origin = answer.Origin with { SessionVersion = _sdpVersion } });
        }

        _lastSdp = text;
        direction = media.LocalDirection;
        if (media.RemotePort != 0 && !address.Equals(IPAddress.Any))
        {
            newRemote = new IPEndPoint(address, media.RemotePort);
        }

        return Encoding.UTF8.GetBytes(text);
    }
}
