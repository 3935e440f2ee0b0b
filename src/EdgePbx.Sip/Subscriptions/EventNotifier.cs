using System.Globalization;
using EdgePbx.Sip.Dialogs;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;
using EdgePbx.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Sip.Subscriptions;

/// <summary>
/// The notifier side of RFC 6665 for packages the upper layer registers: answers SUBSCRIBE (new, refresh,
/// unsubscribe, fetch), keeps each subscription's dialog and expiry timer, and sends NOTIFY through client
/// non-INVITE transactions (so they are retransmitted, RFC 3261 17.1.2). Also sends out-of-dialog
/// ("unsolicited") NOTIFYs for phones configured to get state without subscribing. Thread-safe: SUBSCRIBEs
/// arrive on receive loops, NOTIFY outcomes and timers on the thread pool; one lock guards the table and
/// requests are sent after it is released.
/// </summary>
public sealed class EventNotifier : IDisposable
{
    private readonly object _gate = new();
    private readonly SubscriptionOptions _options;
    private readonly ISipClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<string> _sentBy;
    private readonly Dictionary<string, IEventPackage> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(DialogId Dialog, string Event), Subscription> _subscriptions = [];
    private readonly Dictionary<Subscription, ITimer> _timers = [];
    private ISubscriptionStore? _store;

    public EventNotifier(SubscriptionOptions options, ISipClient client, TimeProvider time, ILogger logger, Func<string> sentBy)
    {
        _options = options;
        _client = client;
        _time = time;
        _logger = logger;
        _sentBy = sentBy;
    }

    /// <summary>The registered package names, for Allow-Events (RFC 6665 8.2.2).</summary>
    public string AllowEvents
    {
        get
        {
            lock (_gate)
            {
                return string.Join(", ", _packages.Keys);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _subscriptions.Count;
            }
        }
    }

    public void AddPackage(IEventPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        lock (_gate)
        {
            _packages[package.Name] = package;
        }
    }

    /// <summary>
    /// Reloads the subscriptions <paramref name="store"/> kept and keeps it up to date from now on. Call once the
    /// packages are added and the transport is bound. Each live UDP subscription gets a NOTIFY of the current state
    /// in its old dialog (RFC 6665 4.2.2: the notifier sends one whenever the state may have changed, and a restart
    /// is such a time), so a phone's lamp is right again without re-subscribing; expired ones, unknown packages and
    /// TCP ones are dropped from the store.
    /// </summary>
    /// <returns>How many subscriptions were restored.</returns>
    public int Restore(ISubscriptionStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var saved = store.Load();
        var outbox = new List<(Subscription, SipMessage)>();
        lock (_gate)
        {
            _store = store;
            var now = _time.GetUtcNow();
            foreach (var snap in saved)
            {
                if (snap.ExpiresAt <= now || !_packages.TryGetValue(snap.Package, out var package)
                    || !System.Net.IPEndPoint.TryParse(snap.PeerEndPoint, out var endPoint) || _subscriptions.Count >= _options.MaxSubscriptions)
                {
                    store.Remove(snap.CallId, snap.LocalTag, snap.RemoteTag, snap.EventHeader);
                    continue;
                }

                var id = new DialogId(snap.CallId, snap.LocalTag, snap.RemoteTag);
                var dialog = SipDialog.Restore(id, snap.LocalUri, snap.RemoteUri, snap.RemoteTarget, snap.RouteSet, snap.LocalSeq + RestoredSeqGap, snap.RemoteSeq);
                var s = new Subscription(dialog, package, snap.EventHeader, snap.Resource, snap.Subscriber, new SipPeer(SipTransportKind.Udp, endPoint), snap.ExpiresAt);
                _subscriptions[(id, snap.EventHeader)] = s;
                Rearm(s);
                Apply(s, s.Handle(SubscriptionEventKind.StateChanged, now), outbox);
                store.Save(Snapshot(s));
            }
        }

        Send(outbox);
        return outbox.Count;
    }

    /// <summary>The live subscriptions to <paramref name="resource"/> in <paramref name="package"/>.</summary>
    public IReadOnlyList<Subscription> Find(string package, string resource)
    {
        lock (_gate)
        {
            return _subscriptions.Values.Where(s => Matches(s, package, resource)).ToList();
        }
    }

    /// <summary>
    /// RFC 6665 4.2.1: processes an authenticated SUBSCRIBE. <paramref name="respond"/> sends the final response;
    /// it is called before any NOTIFY of this subscription is sent.
    /// </summary>
    /// <param name="request">The SUBSCRIBE.</param>
    /// <param name="source">Where it came from (NOTIFYs go there).</param>
    /// <param name="toTag">Our tag: the one the response carries.</param>
    /// <param name="subscriber">The digest user that authenticated it.</param>
    /// <param name="respond">Sends the response (status, reason, headers).</param>
    public void OnSubscribe(SipMessage request, SipPeer source, string toTag, string subscriber, Action<int, string, IReadOnlyList<KeyValuePair<string, string>>> respond)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(respond);
        var outbox = new List<(Subscription, SipMessage)>();
        var (status, reason, headers) = Subscribe(request, source, toTag, subscriber, outbox);
        respond(status, reason, headers);
        Send(outbox);
    }

    /// <summary>The state of <paramref name="resource"/> changed: every subscription to it gets a NOTIFY.</summary>
    public int NotifyChanged(string package, string resource)
    {
        var outbox = new List<(Subscription, SipMessage)>();
        lock (_gate)
        {
            foreach (var s in _subscriptions.Values.Where(s => Matches(s, package, resource)).ToList())
            {
                Apply(s, s.Handle(SubscriptionEventKind.StateChanged, _time.GetUtcNow()), outbox);
            }
        }

        Send(outbox);
        return outbox.Count;
    }

    /// <summary>Ends every subscription with a final NOTIFY (reason=noresource): call while the transport still runs.</summary>
    public void TerminateAll()
    {
        var outbox = new List<(Subscription, SipMessage)>();
        lock (_gate)
        {
            foreach (var s in _subscriptions.Values.ToList())
            {
                Apply(s, s.Handle(SubscriptionEventKind.Shutdown, _time.GetUtcNow()), outbox);
            }
        }

        Send(outbox);
    }

    /// <summary>
    /// An out-of-dialog NOTIFY of <paramref name="resource"/>'s state to a contact that never subscribed (many desk
    /// phones expect message-summary this way). Sent once through its own transaction; failures are only logged.
    /// </summary>
    /// <returns>False when the package is unknown.</returns>
    public bool SendUnsolicited(string package, string resource, string contactUri, SipPeer peer)
    {
        ArgumentNullException.ThrowIfNull(contactUri);
        IEventPackage? p;
        lock (_gate)
        {
            _packages.TryGetValue(package, out p);
        }

        if (p is null)
        {
            return false;
        }

        var sentBy = _sentBy();
        var b = SipMessageBuilder.Request("NOTIFY", contactUri)
            .Add("Via", $"SIP/2.0/{TransportName(peer)} {sentBy};branch={SipTokens.Branch()};rport")
            .Add("Max-Forwards", "70")
            .Add("From", $"<sip:{resource}@{sentBy}>;tag={SipTokens.Hex(6)}")
            .Add("To", $"<{contactUri}>")
            .Add("Call-ID", $"{SipTokens.Hex(10)}@{sentBy}")
            .Add("CSeq", "1 NOTIFY")
            .Add("Contact", $"<sip:{resource}@{sentBy}>")
            .Add("Event", p.Name)
            .Add("Subscription-State", "active")
            .WithBody(p.CurrentState(resource), p.ContentType);
        _client.SendRequest(b.Build(), peer, new NotifyOutcome(this, null, contactUri));
        return true;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var t in _timers.Values)
            {
                t.Dispose();
            }

            _timers.Clear();
            _subscriptions.Clear();
        }
    }

    internal void OnNotifyOutcome(Subscription? subscription, string target, SubscriptionEventKind kind, int status)
    {
        if (kind != SubscriptionEventKind.NotifyAccepted)
        {
            NotifierLog.NotifyFailed(_logger, target, status);
        }

        if (subscription is null)
        {
            return;
        }

        var outbox = new List<(Subscription, SipMessage)>();
        lock (_gate)
        {
            Apply(subscription, subscription.Handle(kind, _time.GetUtcNow()), outbox);
        }

        Send(outbox);
    }

    private (int, string, IReadOnlyList<KeyValuePair<string, string>>) Subscribe(SipMessage request, SipPeer source, string toTag, string subscriber, List<(Subscription, SipMessage)> outbox)
    {
        var eventHeader = request.GetHeader(HeaderKind.Event)?.Trim() ?? string.Empty;
        var semicolon = eventHeader.IndexOf(';', StringComparison.Ordinal);
        var name = (semicolon < 0 ? eventHeader : eventHeader[..semicolon]).Trim();
        lock (_gate)
        {
            // RFC 6665 4.2.1 / 8.2.2: an unknown (or missing) package is 489 Bad Event, naming the ones we have.
            if (!_packages.TryGetValue(name, out var package))
            {
                return (489, "Bad Event", [new("Allow-Events", string.Join(", ", _packages.Keys))]);
            }

            if (request.GetHeader("Accept") is { } accept && !Accepts(accept, package.ContentType))
            {
                return (406, "Not Acceptable", [new("Accept", package.ContentType)]);
            }

            var expiresText = request.GetHeader(HeaderKind.Expires);
            int expires;
            if (expiresText is null)
            {
                expires = package.DefaultExpires;
            }
            else if (long.TryParse(expiresText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var e))
            {
                expires = (int)Math.Min(e, int.MaxValue);
            }
            else
            {
                return (400, "Bad Expires", []);
            }

            // RFC 6665 4.2.1.1: too short is 423 with Min-Expires; too long is shortened and the 200 says so.
            if (expires > 0 && expires < _options.MinExpires)
            {
                return (423, "Interval Too Brief", [new("Min-Expires", _options.MinExpires.ToString(CultureInfo.InvariantCulture))]);
            }

            expires = Math.Min(expires, _options.MaxExpires);
            var now = _time.GetUtcNow();
            if (request.ToTag is { } tag)
            {
                // RFC 6665 4.2.1.2: a refresh or unsubscribe must match a subscription we hold.
                var key = (new DialogId(request.CallId, tag, request.FromTag ?? string.Empty), eventHeader);
                if (!_subscriptions.TryGetValue(key, out var existing) || !string.Equals(existing.Subscriber, subscriber, StringComparison.Ordinal))
                {
                    return (481, "Subscription Does Not Exist", []);
                }

                if (existing.Dialog.OnRequest(request) is { } problem)
                {
                    return (500, problem, []);
                }

                Apply(existing, existing.Handle(expires == 0 ? SubscriptionEventKind.Unsubscribe : SubscriptionEventKind.Refresh, now, expires), outbox);
                return Accepted(existing.Resource, expires);
            }

            var resource = SipUri.Unescape(request.RequestUri.User ?? string.Empty);
            switch (package.Authorize(subscriber, resource))
            {
                case SubscriptionAuthorization.Forbidden:
                    return (403, "Forbidden", []);
                case SubscriptionAuthorization.NotFound:
                    return (404, "Not Found", []);
                default:
                    break;
            }

            if (SipDialog.ForUas(request, toTag, confirmed: true) is not { } dialog)
            {
                return (400, "SUBSCRIBE needs one Contact and a From tag", []);
            }

            if (expires != 0 && _subscriptions.Count >= _options.MaxSubscriptions)
            {
                return (503, "Service Unavailable", [new("Retry-After", "300")]);
            }

            var subscription = new Subscription(dialog, package, eventHeader, resource, subscriber, source, now.AddSeconds(expires));
            if (expires == 0)
            {
                // RFC 6665 4.4.3: a fetch: one NOTIFY with the state, already terminated; nothing is kept.
                Apply(subscription, subscription.Handle(SubscriptionEventKind.Unsubscribe, now), outbox);
            }
            else
            {
                _subscriptions[(dialog.Id, eventHeader)] = subscription;
                NotifierLog.Subscribed(_logger, subscriber, package.Name, resource, expires);
                // RFC 6665 4.2.1.2: the notifier sends a NOTIFY immediately after accepting.
                Apply(subscription, subscription.Handle(SubscriptionEventKind.Refresh, now, expires), outbox);
            }

            return Accepted(resource, expires);
        }
    }

    private (int, string, IReadOnlyList<KeyValuePair<string, string>>) Accepted(string resource, int expires) =>
        (200, "OK", [new("Expires", expires.ToString(CultureInfo.InvariantCulture)), new("Contact", $"<sip:{resource}@{_sentBy()}>")]);

    /// <summary>Carries out a step under the lock: NOTIFYs are built here and sent by the caller after unlocking.</summary>
    private void Apply(Subscription s, SubscriptionStep step, List<(Subscription, SipMessage)> outbox)
    {
        if (step.RearmTimer)
        {
            Rearm(s);
        }

        if (step.SendNotify)
        {
            outbox.Add((s, BuildNotify(s)));
            s.MarkSent();
        }

        // A new or refreshed subscription is saved (expiry and CSeq moved); TCP ones are not kept (see Restore).
        if (step.RearmTimer && !step.Remove && _store is not null && !s.Peer.IsReliable && _subscriptions.ContainsKey((s.Dialog.Id, s.EventHeader)))
        {
            _store.Save(Snapshot(s));
        }

        if (step.Remove)
        {
            if (_timers.Remove(s, out var timer))
            {
                timer.Dispose();
            }

            _subscriptions.Remove((s.Dialog.Id, s.EventHeader));
            _store?.Remove(s.Dialog.Id.CallId, s.Dialog.Id.LocalTag, s.Dialog.Id.RemoteTag, s.EventHeader);
            NotifierLog.Ended(_logger, s.Subscriber, s.Package.Name, s.Resource, s.TerminationReason ?? string.Empty);
        }
    }

    private void Rearm(Subscription s)
    {
        if (_timers.Remove(s, out var old))
        {
            old.Dispose();
        }

        var due = s.ExpiresAt - _time.GetUtcNow();
        _timers[s] = _time.CreateTimer(_ => OnExpired(s), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    private void OnExpired(Subscription s)
    {
        var outbox = new List<(Subscription, SipMessage)>();
        lock (_gate)
        {
            if (!_timers.ContainsKey(s))
            {
                return;
            }

            Apply(s, s.Handle(SubscriptionEventKind.Expired, _time.GetUtcNow()), outbox);
        }

        Send(outbox);
    }

    private SipMessage BuildNotify(Subscription s)
    {
        var sentBy = _sentBy();
        var now = _time.GetUtcNow();
        // RFC 6665 8.2.3 Subscription-State, 8.2.1 Event echoed with its id; the body is the state of this moment.
        return s.Dialog.CreateRequest("NOTIFY", sentBy, TransportName(s.Peer))
            .Add("Contact", $"<sip:{s.Resource}@{sentBy}>")
            .Add("Event", s.EventHeader)
            .Add("Subscription-State", s.SubscriptionStateHeader(now))
            .WithBody(s.Package.CurrentState(s.Resource), s.Package.ContentType)
            .Build();
    }

    private void Send(List<(Subscription, SipMessage)> outbox)
    {
        foreach (var (s, notify) in outbox)
        {
            _client.SendRequest(notify, s.Peer, new NotifyOutcome(this, s, s.Dialog.RemoteTarget));
        }
    }

    private static SubscriptionSnapshot Snapshot(Subscription s) =>
        new(s.Package.Name, s.EventHeader, s.Resource, s.Subscriber, s.Dialog.Id.CallId, s.Dialog.Id.LocalTag, s.Dialog.Id.RemoteTag,
            s.Dialog.LocalUri, s.Dialog.RemoteUri, s.Dialog.RemoteTarget, s.Dialog.RouteSet, s.Dialog.LocalSeq, s.Dialog.RemoteSeq,
            s.Peer.EndPoint.ToString(), s.ExpiresAt);

    private static bool Matches(Subscription s, string package, string resource) =>
        string.Equals(s.Package.Name, package, StringComparison.OrdinalIgnoreCase) && string.Equals(s.Resource, resource, StringComparison.Ordinal);

    private static bool Accepts(string accept, string contentType)
    {
        foreach (var part in accept.Split(','))
        {
            var type = part.Split(';')[0].Trim();
            if (type.Length == 0 || type == "*/*" || string.Equals(type, contentType, StringComparison.OrdinalIgnoreCase)
                || (type.EndsWith("/*", StringComparison.Ordinal) && contentType.StartsWith(type[..^1], StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    private static string TransportName(SipPeer peer) => peer.IsReliable ? "TCP" : "UDP";

    // Our CSeq is saved when a subscription is made or refreshed, not on every NOTIFY; a restored dialog jumps
    // this far ahead so it stays above any NOTIFY sent in between (RFC 3261 12.2.1.1 asks only for increase).
    private const long RestoredSeqGap = 10_000;
}
