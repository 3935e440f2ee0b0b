using System.Globalization;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Stack;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Export;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Legs;
using EdgePbx.Switchboard.Records;

namespace EdgePbx.Switchboard.Calls;

/// <summary>The second half of <see cref="Call"/>: in-dialog requests, hanging up, and the record.</summary>
internal sealed partial class Call
{
    /// <summary>A request inside one of this call's dialogs (BYE, re-INVITE, INFO...) from either side.</summary>
    public void OnInDialog(SipServerRequest request) => Safely(() =>
    {
        var m = request.Message;
        if (IsPickerRequest(request))
        {
            OnPickerRequest(request);
            return;
        }

        var fromCaller = m.CallId == Key;
        var leg = fromCaller ? null : _legs.Find(l => l.CallId == m.CallId);
        switch (m.Method)
        {
            case "BYE":
                request.Respond(200, "OK");
                if (fromCaller)
                {
                    _inbound.OnRemoteBye();
                    if (Phase == CallPhase.Answered)
                    {
                        HangUpBoth(CallOutcome.Answered, "caller hung up");
                    }
                    else
                    {
                        _inbound.Reject(487, "Request Terminated");
                        End(CallOutcome.Missed, "caller hung up before answer");
                    }
                }
                else if (leg is not null)
                {
                    leg.OnRemoteBye();
                    if (TransferTakesBye(leg))
                    {
                        break;
                    }

                    if (ReferenceEquals(leg, _answered))
                    {
                        HangUpBoth(CallOutcome.Answered, "callee hung up");
                    }
                    else
                    {
                        OnLegEnded(leg);
                    }
                }

                break;
            case "INVITE":
                OnReInvite(request, fromCaller, leg);
                break;
            case "INFO" when fromCaller:
                OnInfo(request);
                break;
            case "REFER":
                OnRefer(request, fromCaller, leg);
                break;
            case "INFO" or "UPDATE" or "OPTIONS" or "NOTIFY":
                request.Respond(200, "OK");
                break;
            default:
                request.Respond(501, "Not Implemented");
                break;
        }
    });

    /// <summary>
    /// The daemon is stopping: an answered call is hung up on both sides, one still ringing or in its welcome
    /// gets 503 with Retry-After (the carrier may try again elsewhere); either way its record is written.
    /// </summary>
    public void Shutdown() => Run(() =>
    {
        if (Phase == CallPhase.Ended)
        {
            return;
        }

        if (Phase == CallPhase.Answered || _inbound.FinalStatus != 0)
        {
            HangUpBoth(Phase == CallPhase.Answered ? CallOutcome.Answered : CallOutcome.Failed, StoppingReason);
        }
        else
        {
            Refuse(503, CallOutcome.Failed, StoppingReason);
        }
    });

    private const string StoppingReason = "the box is stopping";

    private void Safely(Action work)
    {
        try
        {
            work();
        }
#pragma warning disable CA1031 // Nothing from the network may take the engine down: end this call, keep the rest.
        catch (Exception e)
#pragma warning restore CA1031
        {
            EngineLog.CallFailed(_services.Logger, e, Key);
            if (Phase == CallPhase.Ended)
            {
                return;
            }

            try
            {
                _inbound.Reject(500, "Server Internal Error");
                End(CallOutcome.Failed, "engine error: " + e.Message);
            }
#pragma warning disable CA1031
            catch (Exception again)
#pragma warning restore CA1031
            {
                EngineLog.CallFailed(_services.Logger, again, Key);
                _services.Registry.Remove(this);
            }
        }
    }

    private void Refuse(int status, CallOutcome outcome, string reason)
    {
        var headers = status == 503
            ? new[] { new KeyValuePair<string, string>("Retry-After", _services.Options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)) }
            : [];
        _inbound.Reject(status, ReasonPhrase(status), headers);
        End(outcome, reason);
    }

    private void HangUpBoth(CallOutcome outcome, string reason)
    {
        _inbound.Hangup();
        _answered?.Hangup();
        End(outcome, reason);
    }

    private void End(CallOutcome outcome, string reason)
    {
        if (Phase == CallPhase.Ended)
        {
            return;
        }

        var wasAnswered = Phase == CallPhase.Answered;
        (outcome, reason) = CloseVoicemail(outcome, reason);
        Phase = CallPhase.Ended;
        StopMenu();
        if (_fax && outcome == CallOutcome.Answered)
        {
            outcome = CallOutcome.Fax;
        }

        _hunt?.Stop();
        foreach (var t in _timers)
        {
            t.Dispose();
        }

        if (_inbound.FinalStatus == 0)
        {
            _inbound.Reject(500, "Server Internal Error");
        }

        _inbound.Hangup();
        foreach (var leg in _legs)
        {
            leg.Abandon();
        }

        EndPickup();
        var quality = wasAnswered && _media is not null ? CallRecordFactory.Quality(_media.Caller.TakeReportBlock()) : (MediaQuality?)null;
        _media?.Dispose();
        foreach (var lease in _leases)
        {
            lease.Dispose();
        }

        if (_callerExtension is not null)
        {
            _services.Lines.HungUp(_callerExtension);
        }

        _services.Registry.Remove(this);
        var now = _services.Time.GetUtcNow();
        var (billed, charge) = CallRecordFactory.Charge(_tariff, _inbound.AnsweredAt, now);
        var record = new CallRecord
        {
            CallId = Key,
            Caller = Caller,
            CallerRegion = _region,
            Called = Called,
            Destination = _destination.Length == 0 && _navigator?.Current is { } lastMenu ? "menu:" + lastMenu.MenuId : _destination,
            Start = _inbound.Start,
            Answer = _inbound.AnsweredAt,
            End = now,
            BilledDuration = billed,
            Charge = charge,
            Outcome = outcome,
            OutcomeReason = reason,
            AnsweredBy = RecordTargets.Of(AnsweredBy),
            HuntAttempts = _legs.Count,
            Digits = Digits,
            MenuChoices = MenuChoices,
            CedHeard = _cedHeard,
            Quality = quality,
            Legs = CallRecordFactory.Legs(
                new CallLeg(LegKind.Inbound, Caller, _inbound.Start, _inbound.AnsweredAt, now, _inbound.FinalStatus, quality),
                _legs.Select(l => new CallLeg(l.Kind, RecordTargets.Of(l.Member), l.Start, l.AnsweredAt, l.EndedAt ?? now, l.FinalStatus, null)).Concat(PickupLegs(now))),
        };
        _services.Records.Submit(record);
        foreach (var leg in _legs)
        {
            leg.Detach();
        }

        // The outcome by the export's name, as the records show it (an enum's ToString reads its names by reflection).
        var outcomeName = ExportNames.Outcome(outcome);
        EngineLog.CallEnded(_services.Logger, Key, Caller, Called, outcomeName, reason, record.AnsweredBy.Length == 0 ? "nobody" : record.AnsweredBy);
        _services.Events.Publish(new CallEnded(now, Key, outcome, reason));
    }

    private static string ReasonPhrase(int status) => status switch
    {
        403 => "Forbidden",
        404 => "Not Found",
        480 => "Temporarily Unavailable",
        486 => "Busy Here",
        487 => "Request Terminated",
        488 => "Not Acceptable Here",
        500 => "Server Internal Error",
        503 => "Service Unavailable",
        603 => "Decline",
        _ => "Call Refused",
    };
}
