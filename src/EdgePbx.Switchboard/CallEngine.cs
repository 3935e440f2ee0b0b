using System.Buffers;
using System.Net;
using EdgePbx.Media.Rtp;
using EdgePbx.Routing.Regions;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Registration;
using EdgePbx.Sip.Stack;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Calls;
using EdgePbx.Switchboard.Engine;
using EdgePbx.Switchboard.Events;
using EdgePbx.Switchboard.Media;
using EdgePbx.Switchboard.Options;
using EdgePbx.Switchboard.Pickup;
using EdgePbx.Switchboard.Plans;
using EdgePbx.Switchboard.Records;
using EdgePbx.Switchboard.Routing;
using EdgePbx.Switchboard.Status;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Switchboard;

/// <summary>
/// The B2BUA. The SIP stack hands it every INVITE, in-dialog request, CANCEL and 2xx ACK
/// (<see cref="ISipRequestHandler"/>); it posts each to the call's partition of the <see cref="EngineLoop"/>
/// (key = the caller's Call-ID) and never does call work on a receive loop. The stack is created with this
/// engine as its handler, then <see cref="Attach(SipStack)"/> gives the engine the stack to send with;
/// until then INVITEs are answered 503.
/// </summary>
public sealed class CallEngine : ISipRequestHandler
{
    // What a caller's number may hold (digits, '+', '*', and the letters and marks of a SIP user name); the rest is dropped.
    private static readonly SearchValues<char> CallerChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+*._-");

    private readonly CallEngineOptions _options;
    private readonly ActivePlan _plan;
    private readonly IBindingStore _bindings;
    private readonly ICallRecordSink _records;
    private readonly RtpSessionFactory _rtp;
    private readonly MediaClock _clock;
    private readonly EngineLoop _loop;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CallRegistry _registry = new();
    private readonly CallPickup _pickup;
    private CallServices? _services;
    private Voicemail.VoicemailBoxes? _voicemail;
    private long _callsTaken;
    private volatile TrunkRegistrationState _trunk;

    public CallEngine(
        CallEngineOptions options,
        ActivePlan plan,
        IBindingStore bindings,
        ICallRecordSink records,
        RtpSessionFactory rtp,
        MediaClock clock,
        EngineLoop loop,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options;
        _plan = plan;
        _bindings = bindings;
        _records = records;
        _rtp = rtp;
        _clock = clock;
        _loop = loop;
        _time = time;
        _logger = loggerFactory.CreateLogger<CallEngine>();
        Events = new EngineEvents();
        Lines = new LineBoard(Events, time);
        Router = new CallRouter(time, Lines, options.LongestFrequencyWindow);
        Prompts = new PromptCache(options.PromptDirectory);
        _pickup = new CallPickup(_registry);
        plan.Changed += _ => Prompts.Clear();
    }

    /// <summary>Line, call and trunk events for the front panel and the web page (publishing never waits).</summary>
    public EngineEvents Events { get; }

    public LineBoard Lines { get; }

    /// <summary>Live counters: calls in progress per number and box, caller frequency.</summary>
    public CallRouter Router { get; }

    public PromptCache Prompts { get; }

    public int ActiveCalls => _registry.Count;

    internal IEnumerable<Call> LiveCalls => _registry.Calls;

    /// <summary>Gives the engine the stack to send requests (and 2xx ACKs) with.</summary>
    public void Attach(SipStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        Attach(stack, stack, stack.Qualifier.IsReachable);
        _voicemail?.AttachNotifier(stack.Notifier);
    }

    /// <summary>Voicemail deposits, the mailbox menu and message-waiting NOTIFYs; call before <see cref="Attach(SipStack)"/>.</summary>
    public void EnableVoicemail(Voicemail.VoicemailBoxes boxes) => _voicemail = boxes;

    /// <param name="client">Sends requests (outbound legs).</param>
    /// <param name="sender">Sends responses and stateless messages.</param>
    /// <param name="reachable">False for a contact the stack's OPTIONS qualify found silent; such contacts are not rung.</param>
    public void Attach(ISipClient client, ISipSender sender, Func<SipBinding, bool>? reachable = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sender);
        _services = new CallServices
        {
            Reachable = reachable ?? (static _ => true),
            Options = _options,
            Time = _time,
            Loop = _loop,
            Client = client,
            Sender = sender,
            Bindings = _bindings,
            Rtp = _rtp,
            Clock = _clock,
            Records = _records,
            Events = Events,
            Lines = Lines,
            Prompts = Prompts,
            Router = Router,
            Registry = _registry,
            Logger = _logger,
            Voicemail = _voicemail,
        };
    }

    /// <summary>The trunk registration's state now (as the last <see cref="TrunkChanged"/> said).</summary>
    public TrunkRegistrationState TrunkState => _trunk;

    /// <summary>Publishes the trunk registration's state changes as <see cref="TrunkChanged"/> events.</summary>
    public void ObserveTrunk(TrunkRegistration trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        _trunk = trunk.State;
        trunk.StateChanged += state =>
        {
            _trunk = state;
            EngineLog.TrunkState(_logger, state);
            Events.Publish(new TrunkChanged(_time.GetUtcNow(), state));
        };
    }

    /// <summary>
    /// Ends every call in progress (BYE or 503, and its record) and waits until they are gone or
    /// <paramref name="timeout"/> passes; returns how many calls were still there at the end.
    /// Call it while the SIP stack still runs, so the BYEs and 503s go out.
    /// </summary>
    public async Task<int> EndAllCallsAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        foreach (var call in _registry.Calls.ToList())
        {
            call.Shutdown();
        }

        var deadline = _time.GetUtcNow() + timeout;
        while (_registry.Count > 0 && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellationToken).ConfigureAwait(false);
        }

        return _registry.Count;
    }

    /// <summary>A snapshot for the web page (calls in progress are read without stopping them).</summary>
    public EngineStatus Status() => new(
        _time.GetUtcNow(),
        _registry.Calls.Select(c => new ActiveCallInfo(c.Key, c.Caller, c.Called, c.Phase, c.StartedAt, c.AnsweredBy)).ToList(),
        Lines.Snapshot(),
        _trunk,
        Interlocked.Read(ref _callsTaken),
        _plan.Current?.Revision ?? -1);

    public void OnRequest(SipServerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var m = request.Message;
        if (_services is not { } services)
        {
            request.Respond(503, "Service Unavailable");
            return;
        }

        if (m.Method == "INVITE" && m.ToTag is null)
        {
            NewCall(services, request);
            return;
        }

        if (_registry.Find(m.CallId) is not { } call)
        {
            request.Respond(m.ToTag is null ? 501 : 481, m.ToTag is null ? "Not Implemented" : "Call/Transaction Does Not Exist");
            return;
        }

        if (!services.Post(call.Key, () => call.OnInDialog(request)))
        {
            request.Respond(503, "Service Unavailable");
        }
    }

    public void OnCancel(SipServerRequest invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (_services is { } services && _registry.Find(invite.Message.CallId) is { } call && services.Post(call.Key, call.OnCancel))
        {
            return;
        }

        invite.Respond(487, "Request Terminated");
    }

    public void OnAck(SipInbound ack)
    {
        // ACKs for our 2xx stop the stack's retransmissions; the call itself needs nothing from them.
    }

    private void NewCall(CallServices services, SipServerRequest request)
    {
        var m = request.Message;
        var called = SipUri.Unescape(m.RequestUri.User ?? m.To.Uri.User ?? string.Empty);
        var call = new Call(services, request, CallerOf(m), called);
        if (!_registry.TryAdd(call))
        {
            request.Respond(482, "Loop Detected");
            return;
        }

        if (!services.Post(call.Key, () => Classify(call, request)))
        {
            _registry.Remove(call);
            EngineLog.Stopping(_logger, m.Method, request.Source);
            request.Respond(503, "Service Unavailable");
        }
    }

    /// <summary>
    /// Runs on the call's partition: a trusted (or allowed) source calling one of the plan's numbers is an
    /// inbound call; anything else must authenticate as a phone, which may call an extension or a number.
    /// </summary>
    private void Classify(Call call, SipServerRequest request)
    {
        if (_plan.Current is not { } plan)
        {
            Interlocked.Increment(ref _callsTaken);
            call.StartRefused(503, CallOutcome.Failed, "no routing plan loaded", null);
            return;
        }

        var numbers = plan.Plan.Numbers;
        var isNumber = numbers.ContainsKey(call.Called) || numbers.ContainsKey(RegionTable.Normalize(call.Called));
        if (isNumber && IsTrusted(request.Source))
        {
            Interlocked.Increment(ref _callsTaken);
            call.StartInbound(plan, null);
            return;
        }

        var outcome = request.Authenticate();
        if (!outcome.IsAuthenticated)
        {
            // Not a call yet: the phone retries with credentials (same Call-ID), or it was never ours to take.
            _registry.Remove(call);
            EngineLog.Challenged(_logger, call.Key, request.Source);
            request.Challenge(outcome);
            return;
        }

        Interlocked.Increment(ref _callsTaken);
        var user = outcome.Username!;
        call.IdentifyCaller(user);
        if (_voicemail is { } voicemail && call.Called == voicemail.Options.AccessNumber)
        {
            call.StartMailbox(plan, user);
        }
        else if (call.Called == _options.PickupCode)
        {
            _pickup.Start(call, request, plan, user);
        }
        else if (plan.Plan.Extensions.TryGetValue(call.Called, out var extension))
        {
            call.StartExtensionCall(plan, user, extension);
        }
        else if (isNumber)
        {
            call.StartInbound(plan, user);
        }
        else
        {
            // Outbound calls from phones through the trunk need plan rules that do not exist yet: refused.
            call.StartRefused(404, CallOutcome.Failed, $"{call.Called} is neither an extension nor a number of the plan", user);
        }
    }

    private bool IsTrusted(SipPeer source)
    {
        if (_options.AcceptUnauthenticatedFromAnywhere)
        {
            return true;
        }

        var address = source.EndPoint.Address.IsIPv4MappedToIPv6 ? source.EndPoint.Address.MapToIPv4() : source.EndPoint.Address;
        return _options.TrunkSources.Any(a => a.Equals(address));
    }

    /// <summary>
    /// The caller's number: P-Asserted-Identity (RFC 3325) when the carrier sends one, else the From user.
    /// Reduced to characters a SIP user part can carry unescaped, so it can go into our own URIs.
    /// </summary>
    internal static string CallerOf(SipMessage m)
    {
        string? user = null;
        if (m.GetHeader("P-Asserted-Identity") is { } pai && pai.IndexOf("sip:", StringComparison.OrdinalIgnoreCase) is var at and >= 0)
        {
            var rest = pai[(at + 4)..];
            var end = rest.IndexOfAny(['@', '>', ';']);
            user = end > 0 ? rest[..end] : null;
        }

        user ??= m.From.Uri.User;
        var unescaped = SipUri.Unescape(user ?? string.Empty);
        var clean = unescaped.AsSpan().ContainsAnyExcept(CallerChars)
            ? new string(unescaped.Where(CallerChars.Contains).ToArray())
            : unescaped;
        return clean.Length == 0 ? "anonymous" : clean;
    }

}
