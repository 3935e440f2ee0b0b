using System.Globalization;
using EdgePbx.Sip.Dialogs;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Subscriptions;

/// <summary>
/// One subscription on the notifier's side (RFC 6665 4.2): its dialog, the watched resource, expiry, and the
/// rule that one NOTIFY is in flight at a time (a change while one is outstanding is sent when it completes,
/// with the state of that moment: RFC 6665 4.2.2 lets notifiers coalesce). Every transition is in
/// <see cref="Handle"/>; the caller holds the notifier's lock and does what the returned step says.
/// </summary>
public sealed class Subscription
{
    private bool _inFlight;
    private bool _pending;

    internal Subscription(SipDialog dialog, IEventPackage package, string eventHeader, string resource, string subscriber, SipPeer peer, DateTimeOffset expiresAt)
    {
        Dialog = dialog;
        Package = package;
        EventHeader = eventHeader;
        Resource = resource;
        Subscriber = subscriber;
        Peer = peer;
        ExpiresAt = expiresAt;
    }

    public SipDialog Dialog { get; }

    public IEventPackage Package { get; }

    /// <summary>The Event header as the subscriber sent it (package and any id parameter): NOTIFYs echo it (RFC 6665 8.2.1).</summary>
    public string EventHeader { get; }

    public string Resource { get; }

    public string Subscriber { get; }

    /// <summary>Where NOTIFYs go: where the SUBSCRIBE came from (a phone behind NAT is reachable there).</summary>
    public SipPeer Peer { get; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public SubscriptionState State { get; private set; }

    /// <summary>Why it ended (RFC 6665 4.2.2 reason values: timeout, noresource, deactivated, rejected), null while active.</summary>
    public string? TerminationReason { get; private set; }

    public int NotifiesSent { get; private set; }

    public bool NotifyInFlight => _inFlight;

    /// <param name="kind">What happened.</param>
    /// <param name="now">The time it happened.</param>
    /// <param name="expires">For <see cref="SubscriptionEventKind.Refresh"/>: the seconds granted.</param>
    public SubscriptionStep Handle(SubscriptionEventKind kind, DateTimeOffset now, int expires = 0)
    {
        if (State == SubscriptionState.Terminated)
        {
            // After the final NOTIFY only its own outcome matters: nothing more is ever sent.
            if (kind is SubscriptionEventKind.NotifyAccepted or SubscriptionEventKind.NotifyRejected or SubscriptionEventKind.NotifyTimedOut)
            {
                _inFlight = false;
                if (_pending)
                {
                    _pending = false;
                    return Send();
                }
            }

            return SubscriptionStep.Nothing;
        }

        switch (kind)
        {
            case SubscriptionEventKind.Refresh:
                // RFC 6665 4.2.1.2: a refresh resets the expiry and is answered with a NOTIFY of the current state.
                ExpiresAt = now.AddSeconds(expires);
                return Send() with { RearmTimer = true };
            case SubscriptionEventKind.Unsubscribe:
                // RFC 6665 4.2.1.4: Expires: 0 ends it; the final NOTIFY says terminated.
                return Terminate("timeout");
            case SubscriptionEventKind.Expired:
                return Terminate("timeout");
            case SubscriptionEventKind.Shutdown:
                return Terminate("noresource");
            case SubscriptionEventKind.StateChanged:
                return Send();
            case SubscriptionEventKind.NotifyAccepted:
                _inFlight = false;
                if (_pending)
                {
                    _pending = false;
                    return Send();
                }

                return SubscriptionStep.Nothing;
            case SubscriptionEventKind.NotifyRejected or SubscriptionEventKind.NotifyTimedOut:
                // RFC 6665 4.2.2: a 481, another failure response or a timeout on NOTIFY removes the subscription.
                _inFlight = false;
                _pending = false;
                State = SubscriptionState.Terminated;
                TerminationReason = kind == SubscriptionEventKind.NotifyRejected ? "rejected" : "timeout";
                return new SubscriptionStep(false, true, false);
            default:
                return SubscriptionStep.Nothing;
        }
    }

    /// <summary>The Subscription-State value for a NOTIFY sent now (RFC 6665 8.2.3).</summary>
    public string SubscriptionStateHeader(DateTimeOffset now)
    {
        if (State == SubscriptionState.Terminated)
        {
            return "terminated;reason=" + TerminationReason;
        }

        var left = Math.Max(0, (int)Math.Ceiling((ExpiresAt - now).TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"active;expires={left}");
    }

    /// <summary>The notifier sent a NOTIFY for this subscription.</summary>
    internal void MarkSent()
    {
        _inFlight = true;
        NotifiesSent++;
    }

    private SubscriptionStep Terminate(string reason)
    {
        State = SubscriptionState.Terminated;
        TerminationReason = reason;
        return Send() with { Remove = true };
    }

    private SubscriptionStep Send()
    {
        if (_inFlight)
        {
            _pending = true;
            return SubscriptionStep.Nothing;
        }

        return new SubscriptionStep(true, false, false);
    }
}
