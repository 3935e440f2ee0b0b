using EdgePbx.Media.Rtp;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Stack;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Legs;
using EdgePbx.Switchboard.Media;
using EdgePbx.Switchboard.Transfer;

namespace EdgePbx.Switchboard.Calls;

/// <summary>
/// Blind transfer (RFC 3515): the answering phone sends REFER; the box answers 202, rings the target extension
/// with the REFER's Referred-By (RFC 3892), reports progress to the phone in NOTIFYs (message/sipfrag), and on
/// the target's 200 bridges the caller to it and hangs up the phone. The phone may hang up any time after the
/// 202 without ending the call. A target that does not answer is reported in the final NOTIFY; the call stays
/// with the phone if it is still there, and ends otherwise.
/// </summary>
internal sealed partial class Call
{
    private OutboundLeg? _transferor;
    private OutboundLeg? _transferLeg;

    private void OnRefer(SipServerRequest request, bool fromCaller, OutboundLeg? leg)
    {
        var m = request.Message;
        if (fromCaller || leg is null || !ReferenceEquals(leg, _answered) || leg.Extension is not { } transferor || Phase != CallPhase.Answered || Plan is null)
        {
            // Only the phone that answered may transfer; the carrier's side (or a leg still ringing) may not.
            TransferLog.Refused(_services.Logger, Key, "REFER from a side that may not transfer");
            request.Respond(403, "Forbidden");
            return;
        }

        if (_transferLeg is not null)
        {
            request.Respond(491, "Request Pending");
            return;
        }

        var target = TransferTarget.Resolve(m.GetHeader("Refer-To"), Plan.Plan, _services.Options.Domain, _services.Options.ExtraDomains, transferor, out var refusal);
        if (target is null)
        {
            TransferLog.Refused(_services.Logger, Key, refusal);
            request.Respond(403, "Forbidden");
            return;
        }

        var requests = _dialer.Resolve("ext:" + target, Caller, Caller);
        if (requests.Count == 0)
        {
            TransferLog.Refused(_services.Logger, Key, $"extension {target} is not registered");
            request.Respond(480, "Temporarily Unavailable");
            return;
        }

        // RFC 3892: the REFER's Referred-By, or the transferor itself when the phone sent none.
        var referredBy = m.GetHeader("Referred-By") ?? $"<sip:{transferor}@{_services.Options.Domain}>";
        var r = requests[0];
        var owner = new TransferLegOwner(Key, OnTransferAnswered, OnTransferEnded);
        var transfer = new OutboundLeg(_services, owner, "ext:" + target, r.Extension, r.Kind, r.Peer, r.Invite with { ReferredBy = referredBy });
        _services.Registry.AddLeg(transfer.CallId, this);
        if (!transfer.Send(_inbound.Media!.Codec))
        {
            _services.Registry.RemoveLeg(transfer.CallId);
            request.Respond(503, "Service Unavailable");
            return;
        }

        request.Respond(202, "Accepted");
        _transferor = leg;
        _transferLeg = transfer;
        _legs.Add(transfer);
        TransferLog.Started(_services.Logger, Key, transferor, target);
        Notify(100, "Trying", final: false);
        var ring = Plan.Plan.Extensions[target].RingSeconds;
        Schedule(TimeSpan.FromSeconds(ring > 0 ? ring : 25), () =>
        {
            if (ReferenceEquals(_transferLeg, transfer) && transfer.State != OutboundLegState.Answered)
            {
                transfer.Abandon();
                OnTransferEnded(transfer);
            }
        });
    }

    private void OnTransferAnswered(OutboundLeg leg)
    {
        if (Phase != CallPhase.Answered || !ReferenceEquals(leg, _transferLeg) || _transferor is not { } old)
        {
            leg.Hangup();
            return;
        }

        var caller = _inbound.Media!;
        var callee = leg.Media!;
        leg.SessionHandedOver = true;
        var oldSession = old.Session;
        ForgetHold();
        _media!.Bridge(
            new RelayLeg(_media.Caller, caller.Codec, (byte)caller.PayloadType, (byte?)caller.TelephoneEventPayloadType),
            new RelayLeg(leg.Session!, callee.Codec, (byte)callee.PayloadType, (byte?)callee.TelephoneEventPayloadType));
        _answered = leg;
        _legMember.Remove(old);
        _transferLeg = null;
        _transferor = null;
        Notify(200, "OK", final: true, old);
        old.Hangup();
        oldSession?.Dispose();
        EngineLog.CallAnswered(_services.Logger, Key, leg.Member);
        _services.Events.Publish(new CallAnswered(_services.Time.GetUtcNow(), Key, leg.Member));
    }

    private void OnTransferEnded(OutboundLeg leg)
    {
        if (!ReferenceEquals(leg, _transferLeg) || _transferor is not { } old)
        {
            return;
        }

        _transferLeg = null;
        _transferor = null;
        var status = leg.FinalStatus is >= 300 ? leg.FinalStatus : 487;
        TransferLog.TargetFailed(_services.Logger, Key, leg.Member, status);
        Notify(status, status == 486 ? "Busy Here" : status == 487 ? "Request Terminated" : "Call Failed", final: true, old);
        if (old.State == OutboundLegState.Ended)
        {
            HangUpBoth(CallOutcome.Answered, "transfer target did not answer");
        }
    }

    /// <summary>A BYE from the transferring phone after its REFER: only that leg ends, the transfer goes on.</summary>
    private bool TransferTakesBye(OutboundLeg leg) => ReferenceEquals(leg, _transferor) && _transferLeg is not null;

    private void Notify(int status, string reason, bool final, OutboundLeg? to = null)
    {
        var leg = to ?? _transferor;
        if (leg?.Dialog is { } dialog)
        {
            ReferNotifier.Send(_services.Client, dialog, leg.Peer, _services.Options.SipSentBy, status, reason, final);
        }
    }
}
