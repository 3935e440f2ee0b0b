using EdgePbx.Media.Rtp;
using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Model;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Stack;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Hunting;
using EdgePbx.Switchboard.Legs;
using EdgePbx.Switchboard.Limits;
using EdgePbx.Switchboard.Media;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Switchboard.Records;

namespace EdgePbx.Switchboard.Calls;

/// <summary>
/// One call through the B2BUA: the caller's leg, the steps of its routing decision (welcome, hunt, forward,
/// reject) and the outbound legs they create, media anchored on the box, and the one record at the end.
/// Every method runs on the call's partition of the engine loop (key = the caller's Call-ID), one at a
/// time; anything thrown ends the call cleanly with a record instead of reaching the network loop.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "A call's media is disposed in End, the one way every call finishes (records included).")]
internal sealed partial class Call : IOutboundLegOwner, IHuntHost
{
    private readonly CallServices _services;
    private readonly InboundLeg _inbound;
    private readonly List<OutboundLeg> _legs = [];
    private readonly Dictionary<HuntMember, List<OutboundLeg>> _memberLegs = [];
    private readonly Dictionary<OutboundLeg, HuntMember> _legMember = [];
    private readonly List<ITimer> _timers = [];
    private readonly Queue<RouteStep> _steps = new();
    private readonly MemberDialer _dialer;
    private CallMedia? _media;
    private HuntRun? _hunt;
    private OutboundLeg? _answered;
    private IReadOnlyList<ConcurrencyLease> _leases = [];
    private Tariff? _tariff;
    private int? _maxCallSeconds;
    private string _destination = string.Empty;
    private string _region = string.Empty;
    private string? _callerExtension;
    private bool _lastHuntAllBusy;

    public Call(CallServices services, SipServerRequest invite, string caller, string called)
    {
        _services = services;
        Key = invite.Message.CallId;
        Caller = caller;
        Called = called;
        _inbound = new InboundLeg(services, invite, called);
        _dialer = new MemberDialer(services.Options, services.Bindings, services.Time, services.Reachable);
    }

    public string Key { get; }

    /// <summary>The leg that answered, once one has (read by tests from another thread: a reference, no more).</summary>
    internal OutboundLeg? AnsweredLeg => _answered;

    public string Caller { get; private set; }

    public string Called { get; }

    public CallPhase Phase { get; private set; }

    public DateTimeOffset StartedAt => _inbound.Start;

    public string AnsweredBy => _answered?.Member ?? PickedBy ?? string.Empty;

    public PlanSnapshot? Plan { get; private set; }

    /// <summary>An authenticated phone calls: the caller is its extension, whatever its From says.</summary>
    public void IdentifyCaller(string extension) => Caller = extension;

    /// <summary>Runs <paramref name="work"/> on this call's partition, ending the call cleanly if it throws.</summary>
    public void Run(Action work) => _services.Post(Key, () => Safely(work));

    /// <summary>A call to one of the plan's numbers (from the trunk, or from a phone trying a number).</summary>
    public void StartInbound(PlanSnapshot plan, string? callerExtension) => Safely(() =>
    {
        Plan = plan;
        Begin(callerExtension);
        var facts = new CallFacts(Caller, Called) { NightMode = _services.Options.NightMode(), RandomSeed = Seed(Key) };
        _facts = facts;
        var route = _services.Router.Route(plan, facts, _services.Options.BlockedStatusCode);
        _region = route.CallerRegion;
        if (route.Rejected)
        {
            Refuse(route.RejectStatus, route.RejectOutcome, route.RejectReason);
            return;
        }

        _leases = route.Leases;
        _tariff = route.Decision!.Tariff;
        _maxCallSeconds = route.Decision.MaxCallSeconds;
        _faxSteps = route.Decision.FaxSteps;
        foreach (var step in route.Decision.Steps)
        {
            _steps.Enqueue(step);
        }

        OpenMediaAndRun();
    });

    /// <summary>A registered phone calls an extension: ring that extension's phones.</summary>
    public void StartExtensionCall(PlanSnapshot plan, string callerExtension, Extension target) => Safely(() =>
    {
        Plan = plan;
        Begin(callerExtension);
        _tariff = null;
        _maxCallSeconds = plan.Plan.Limits.MaxCallSeconds;
        if (target.DoNotDisturb)
        {
            _destination = "ext:" + Called;
            Refuse(486, CallOutcome.Busy, $"extension {Called} is in do-not-disturb");
            return;
        }

        _steps.Enqueue(new HuntStep("ext:" + Called, HuntStrategy.RingAll, true, [new RingLeg("ext:" + Called, 0, target.RingSeconds)], 1, RingbackKind.Tone, null, null, []));
        OpenMediaAndRun();
    });

    /// <summary>Refuses before routing (unknown number, no plan): the call still leaves its record.</summary>
    public void StartRefused(int status, CallOutcome outcome, string reason, string? callerExtension) => Safely(() =>
    {
        Begin(callerExtension);
        Refuse(status, outcome, reason);
    });

    public void OnCancel() => Safely(() =>
    {
        if (Phase is CallPhase.Answered or CallPhase.Ended)
        {
            return;
        }

        _inbound.Reject(487, "Request Terminated");
        End(CallOutcome.Missed, "caller hung up before answer");
    });

    public void OnLegRinging(OutboundLeg leg)
    {
        // The caller already hears our ringback as early media; a phone's own 180/183 changes nothing.
    }

    public void OnLegAnswered(OutboundLeg leg, SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (Phase != CallPhase.Hunting || _answered is not null)
        {
            // Lost the race: another leg answered first, or the caller is gone (RFC 3261 13.2.2.4 ACK, then BYE).
            leg.Hangup();
            return;
        }

        _answered = leg;
        _hunt?.Stop();
        foreach (var other in _legs)
        {
            if (!ReferenceEquals(other, leg))
            {
                other.Abandon();
            }
        }

        var caller = _inbound.Media!;
        var callee = leg.Media!;
        leg.SessionHandedOver = true;

        // Fax: G.711 pass-through only (the leg was offered the caller's codec alone), no telephone-events carried.
        _media!.Bridge(
            new RelayLeg(_media.Caller, caller.Codec, (byte)caller.PayloadType, _fax ? null : (byte?)caller.TelephoneEventPayloadType),
            new RelayLeg(leg.Session!, callee.Codec, (byte)callee.PayloadType, _fax ? null : (byte?)callee.TelephoneEventPayloadType),
            ListenToAnsweredLeg(leg));
        _inbound.Answer();
        Phase = CallPhase.Answered;
        EngineLog.CallAnswered(_services.Logger, Key, leg.Member);
        _services.Events.Publish(new CallAnswered(_services.Time.GetUtcNow(), Key, leg.Member));
        if (_maxCallSeconds is { } max and > 0)
        {
            Schedule(TimeSpan.FromSeconds(max), () => HangUpBoth(CallOutcome.Answered, "maximum call length reached"));
        }
    }

    public void OnLegEnded(OutboundLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (Phase == CallPhase.Ended)
        {
            return;
        }

        if (ReferenceEquals(leg, _answered))
        {
            // The answering leg failed after its 200 (its SDP was unusable): nothing to bridge, end the call.
            HangUpBoth(CallOutcome.Failed, $"answering leg failed ({leg.FinalStatus})");
            return;
        }

        if (_legMember.TryGetValue(leg, out var member) && _memberLegs[member].All(l => l.State == OutboundLegState.Ended))
        {
            var statuses = _memberLegs[member].Select(l => l.FinalStatus).ToList();
            var status = statuses.Any(s => s is 486 or 600) ? 486 : statuses.Max();
            _hunt?.MemberEnded(member, status);
        }
    }

    public bool RingMember(HuntMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var requests = _dialer.Resolve(member.Target, Caller, Caller);
        var started = new List<OutboundLeg>();
        foreach (var r in requests)
        {
            var leg = new OutboundLeg(_services, this, member.Target, r.Extension, r.Kind, r.Peer, r.Invite);
            _services.Registry.AddLeg(leg.CallId, this);
            if (leg.Send(_inbound.Media!.Codec, passThrough: _fax))
            {
                started.Add(leg);
                _legs.Add(leg);
                _legMember[leg] = member;
            }
            else
            {
                _services.Registry.RemoveLeg(leg.CallId);
            }
        }

        EngineLog.Ringing(_services.Logger, Key, member.Target, started.Count);
        _memberLegs[member] = started;
        return started.Count > 0;
    }

    public void StopMember(HuntMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (_memberLegs.TryGetValue(member, out var legs))
        {
            foreach (var leg in legs)
            {
                leg.Abandon();
            }
        }
    }

    public ITimer Schedule(TimeSpan due, Action action)
    {
        var timer = _services.After(due, Key, () => Safely(() =>
        {
            if (Phase != CallPhase.Ended)
            {
                action();
            }
        }));
        _timers.Add(timer);
        return timer;
    }

    public void HuntExhausted(bool allBusy)
    {
        if (Phase == CallPhase.Ended)
        {
            return;
        }

        _lastHuntAllBusy = allBusy;
        var onNoAnswer = _hunt?.Step.OnNoAnswer ?? [];
        _steps.Clear();
        foreach (var step in onNoAnswer)
        {
            _steps.Enqueue(step);
        }

        RunNextStep();
    }

    private void Begin(string? callerExtension)
    {
        _callerExtension = callerExtension;
        if (callerExtension is not null)
        {
            _services.Lines.InCall(callerExtension);
        }

        EngineLog.CallStarted(_services.Logger, Key, Caller, Called);
        _services.Events.Publish(new CallStarted(_services.Time.GetUtcNow(), Key, Caller, Called));
    }

    private void OpenMediaAndRun()
    {
        var session = _inbound.Negotiate(out var status, out var reason);
        if (session is null)
        {
            Refuse(status, CallOutcome.Failed, reason);
            return;
        }

        _media = new CallMedia(_services.Clock, session, () => Run(OnSourceFinished), () => Run(OnMediaTimeout));
        _media.Input = ListenToCaller();
        RunNextStep();
    }

    private void RunNextStep()
    {
        if (Phase == CallPhase.Ended)
        {
            return;
        }

        if (!_steps.TryDequeue(out var step))
        {
            Refuse(_lastHuntAllBusy ? 486 : 480, _lastHuntAllBusy ? CallOutcome.Busy : CallOutcome.Missed, "nobody answered");
            return;
        }

        switch (step)
        {
            case WelcomeStep welcome:
                PlayWelcome(welcome);
                break;
            case HuntStep hunt:
                StartHunt(hunt);
                break;
            case ForwardStep forward:
                var ring = _services.Options.Trunk?.RingSeconds ?? 60;
                StartHunt(new HuntStep("external:" + forward.Number, HuntStrategy.Sequential, false, [new RingLeg("external:" + forward.Number, 0, ring)], 1, RingbackKind.Tone, null, null, []));
                break;
            case RejectStep reject:
                Refuse(reject.SipCode == 603 ? _services.Options.BlockedStatusCode : reject.SipCode, reject.SipCode == 486 ? CallOutcome.Busy : CallOutcome.Failed, reject.Reason);
                break;
            case HangupStep:
                Refuse(_lastHuntAllBusy ? 486 : 480, _lastHuntAllBusy ? CallOutcome.Busy : CallOutcome.Missed, _hunt is null ? "plan hangs up" : "nobody answered");
                break;
            case VoicemailStep box:
                StartVoicemail(box);
                break;
            case MenuStep menu:
                StartMenu(menu);
                break;
            case BackStep:
                GoBack();
                break;
            default:
                Refuse(500, CallOutcome.Failed, $"unknown step {step.GetType().Name}");
                break;
        }
    }

    private void PlayWelcome(WelcomeStep welcome)
    {
        Phase = CallPhase.Welcome;
        _inbound.SendEarlyMedia();
        var codec = _inbound.Media!.Codec;
        var prompt = _services.Prompts.Get(welcome.Audio, codec);
        if (prompt.Audio is { } audio)
        {
            _media!.Play(new PromptSource(audio, loop: false));
            return;
        }

        // RFC 3960 early media without the file: the caller hears ringback for a moment rather than silence.
        EngineLog.WelcomeMissing(_services.Logger, Key, prompt.Error ?? welcome.Audio);
        _media!.Play(_services.Tone(_services.Options.Tones.Ringback, codec));
        Schedule(_services.Options.MissingWelcomeToneTime, () =>
        {
            if (Phase == CallPhase.Welcome)
            {
                RunNextStep();
            }
        });
    }

    private void OnSourceFinished()
    {
        if (_media is null || _media.Playing)
        {
            // A newer source already plays (a retry prompt after barge-in): this end is of an older one.
            return;
        }

        if (Phase == CallPhase.Welcome)
        {
            RunNextStep();
        }
        else if (Phase == CallPhase.Menu)
        {
            _menu?.PromptFinished();
        }
    }

    private void StartHunt(HuntStep step)
    {
        StopMenu();
        Phase = CallPhase.Hunting;
        if (_destination.Length == 0)
        {
            _destination = step.Source;
        }

        _inbound.SendEarlyMedia();
        var codec = _inbound.Media!.Codec;
        IFrameSource ringback = step.Ringback == RingbackKind.Audio && step.RingbackAudio is { } name && _services.Prompts.Get(name, codec).Audio is { } audio
            ? new PromptSource(audio, loop: true)
            : _services.Tone(_services.Options.Tones.Ringback, codec);
        _media!.Play(ringback);
        _hunt?.Stop();
        _hunt = new HuntRun(step, this);
        _hunt.Start();
    }

    private void OnMediaTimeout()
    {
        if (Phase == CallPhase.Answered && !OnHold)
        {
            HangUpBoth(CallOutcome.Answered, "media timeout");
        }
    }

    private static ulong Seed(string callId)
    {
        ulong hash = 14695981039346656037;
        foreach (var c in callId)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return hash;
    }
}
