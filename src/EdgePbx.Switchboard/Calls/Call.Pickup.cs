using EdgePbx.Media.Rtp;
using EdgePbx.Sip.Stack;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Legs;
using EdgePbx.Switchboard.Media;
using EdgePbx.Switchboard.Pickup;

namespace EdgePbx.Switchboard.Calls;

/// <summary>The picked-up side of group call pickup (<see cref="CallPickup"/>): the picking phone answers this call.</summary>
internal sealed partial class Call
{
    private InboundLeg? _picker;
    private RtpSession? _pickerSession;
    private string? _pickerExtension;

    /// <summary>
    /// Runs on this call's partition: takes <paramref name="request"/>'s phone as the answering leg when this call
    /// still rings one of its group-mates, cancelling the ringing legs; otherwise calls <paramref name="declined"/>.
    /// </summary>
    public void TryPickup(PickupRequest request, Action declined) => Safely(() =>
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(declined);
        var ringsMate = _legs.Any(l => l.State is OutboundLegState.Calling or OutboundLegState.Ringing && l.Extension is { } e && request.Mates.Contains(e));
        if (Phase != CallPhase.Hunting || _answered is not null || _picker is not null || _media is null || !ringsMate)
        {
            declined();
            return;
        }

        var leg = new InboundLeg(_services, request.Invite, request.Extension);
        var session = leg.Negotiate(out _, out _);
        if (session is null || leg.Media is not { } picked)
        {
            declined();
            return;
        }

        // The phone's dialog now belongs to this call: its BYE and re-INVITEs are handled here.
        _services.Registry.Remove(request.Picker);
        _services.Registry.AddLeg(request.Invite.Message.CallId, this);
        _picker = leg;
        _pickerSession = session;
        _pickerExtension = request.Extension;
        _hunt?.Stop();
        foreach (var other in _legs)
        {
            other.Abandon();
        }

        var caller = _inbound.Media!;
        _media.Bridge(
            new RelayLeg(_media.Caller, caller.Codec, (byte)caller.PayloadType, (byte?)caller.TelephoneEventPayloadType),
            new RelayLeg(session, picked.Codec, (byte)picked.PayloadType, (byte?)picked.TelephoneEventPayloadType));
        leg.Answer();
        _inbound.Answer();
        Phase = CallPhase.Answered;
        _services.Lines.InCall(request.Extension);
        var member = "ext:" + request.Extension;
        EngineLog.CallAnswered(_services.Logger, Key, member);
        _services.Events.Publish(new CallAnswered(_services.Time.GetUtcNow(), Key, member));
        if (_maxCallSeconds is { } max and > 0)
        {
            Schedule(TimeSpan.FromSeconds(max), () => HangUpBoth(CallOutcome.Answered, "maximum call length reached"));
        }
    });

    /// <summary>"ext:NNN" of the phone that picked this call up, or null.</summary>
    private string? PickedBy => _pickerExtension is null ? null : "ext:" + _pickerExtension;

    private bool IsPickerRequest(SipServerRequest request) => _picker is not null && request.Message.CallId == _picker.Invite.Message.CallId;

    /// <summary>A request in the picking phone's dialog: BYE ends the call, a re-INVITE is answered as from the callee.</summary>
    private void OnPickerRequest(SipServerRequest request)
    {
        switch (request.Message.Method)
        {
            case "BYE":
                request.Respond(200, "OK");
                _picker!.OnRemoteBye();
                HangUpBoth(CallOutcome.Answered, "callee hung up");
                break;
            case "INVITE":
                var (sdp, remote) = _picker!.AnswerReoffer(request.Message.Body);
                if (sdp is null || Phase != CallPhase.Answered)
                {
                    request.Respond(488, "Not Acceptable Here");
                    break;
                }

                if (remote is not null && !remote.Address.Equals(System.Net.IPAddress.Any))
                {
                    _pickerSession!.SetRemoteEndPoint(remote);
                }

                request.Respond(200, "OK", [new("Contact", $"<sip:{_pickerExtension}@{_services.Options.SipSentBy}>")], sdp, "application/sdp");
                OnPickerReoffered(sdp);
                break;
            case "INFO" or "UPDATE" or "OPTIONS" or "NOTIFY":
                request.Respond(200, "OK");
                break;
            default:
                request.Respond(501, "Not Implemented");
                break;
        }
    }

    /// <summary>At the end of the call: hang up the picking phone and give back its Call-ID and line.</summary>
    private void EndPickup()
    {
        if (_picker is null)
        {
            return;
        }

        _picker.Hangup();
        _services.Registry.RemoveLeg(_picker.Invite.Message.CallId);
        _services.Lines.HungUp(_pickerExtension!);
    }

    /// <summary>The record's leg of the picking phone (none when nobody picked the call up).</summary>
    private IEnumerable<CallLeg> PickupLegs(DateTimeOffset now) => _picker is null
        ? []
        : [new CallLeg(LegKind.HuntAttempt, _pickerExtension!, _picker.Start, _picker.AnsweredAt, now, _picker.FinalStatus, null)];
}
