using System.Net;
using System.Text;
using EdgePbx.Media.Rtp;
using EdgePbx.Media.Sdp;
using EdgePbx.Sip.Stack;
using EdgePbx.Switchboard.Legs;
using EdgePbx.Switchboard.Media;

namespace EdgePbx.Switchboard.Calls;

/// <summary>
/// Hold and resume: re-INVITEs from either side of an answered call (RFC 3264 8.4, RFC 6337 5.3). The box
/// anchors the media, so it answers each re-offer itself from the leg's own RTP port, with the direction the
/// offer asks for (sendonly is answered recvonly, inactive with inactive, sendrecv again on resume); a new
/// address in the offer is followed.
/// The hold is not passed on as a re-INVITE to the other leg (a carrier plays nothing to a held caller, who
/// would hear dead air and hang up): the box does what a PBX user expects and plays music on hold to the other
/// side (<see cref="Options.CallEngineOptions.HoldMusic"/>, or a soft beep without it), and relays nothing
/// either way until the resume. The silence of a held leg does not end the call by media timeout.
/// </summary>
internal sealed partial class Call
{
    private bool _callerHolds;
    private bool _calleeHolds;

    /// <summary>One side holds: the relay is paused (media timeouts are then expected, not a dead leg).</summary>
    private bool OnHold => _callerHolds || _calleeHolds;

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

        if (fromCaller)
        {
            SetHold(Holds(direction), _calleeHolds);
        }
        else
        {
            SetHold(_callerHolds, Holds(direction));
        }
    }

    /// <summary>The phone that picked the call up re-offered (answered as from the callee, <see cref="OnPickerRequest"/>).</summary>
    private void OnPickerReoffered(byte[] answer) => SetHold(_callerHolds, Holds(AnsweredDirection(answer)));

    /// <summary>We answer recvonly to a sendonly hold and inactive to an inactive one; sendrecv (or sendonly to a phone that only listens) is no hold.</summary>
    private static bool Holds(MediaDirection answered) => answered is MediaDirection.ReceiveOnly or MediaDirection.Inactive;

    /// <summary>The answering side's session and codec: the leg that answered, or the phone that picked the call up.</summary>
    private RtpSession? AnsweredSession => _answered is not null ? _answered.Session : _pickerSession;

    private AudioCodec? AnsweredCodec => _answered is not null ? _answered.Media?.Codec : _picker?.Media?.Codec;

    private void SetHold(bool callerHolds, bool calleeHolds)
    {
        if (callerHolds == _callerHolds && calleeHolds == _calleeHolds)
        {
            // A session refresh with the same direction: the music goes on where it was.
            return;
        }

        _callerHolds = callerHolds;
        _calleeHolds = calleeHolds;
        var held = OnHold;
        _media!.Hold(
            held,
            toCaller: calleeHolds && !callerHolds ? HoldMusic(_inbound.Media!.Codec) : null,
            toAnswered: callerHolds && !calleeHolds && AnsweredCodec is { } codec ? HoldMusic(codec) : null);
        HoldLog.HoldChanged(_services.Logger, Key, callerHolds, calleeHolds);
        if (!held)
        {
            // The hold's silence does not count: a leg that stays silent after the resume still times out.
            _media.Caller.RestartMediaTimeout();
            AnsweredSession?.RestartMediaTimeout();
        }
    }

    /// <summary>A new bridge (a transfer answered) starts off hold.</summary>
    private void ForgetHold()
    {
        _callerHolds = false;
        _calleeHolds = false;
    }

    private IFrameSource HoldMusic(AudioCodec codec) =>
        _services.Prompts.Get(_services.Options.HoldMusic, codec).Audio is { FrameCount: > 0 } music
            ? new PromptSource(music, loop: true)
            : _services.Tone(_services.Options.HoldTone, codec);

    private static MediaDirection AnsweredDirection(byte[] sdp) =>
        SdpParser.Parse(Encoding.UTF8.GetString(sdp)).Description is { Media.Count: > 0 } d ? d.Media[0].Direction ?? MediaDirection.SendReceive : MediaDirection.SendReceive;
}
