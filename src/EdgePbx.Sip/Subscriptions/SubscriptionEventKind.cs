namespace EdgePbx.Sip.Subscriptions;

/// <summary>What can happen to a subscription; <see cref="Subscription.Handle"/> takes one at a time.</summary>
public enum SubscriptionEventKind
{
    /// <summary>A SUBSCRIBE in the dialog with a non-zero Expires (RFC 6665 4.2.1.2).</summary>
    Refresh,

    /// <summary>A SUBSCRIBE with Expires: 0 (RFC 6665 4.2.1.4).</summary>
    Unsubscribe,

    /// <summary>The expiry timer fired without a refresh (RFC 6665 4.2.2: reason=timeout).</summary>
    Expired,

    /// <summary>The resource's state changed: send it (after the NOTIFY in flight, if any).</summary>
    StateChanged,

    /// <summary>A 2xx to our NOTIFY.</summary>
    NotifyAccepted,

    /// <summary>A 481 or other failure response to our NOTIFY (RFC 6665 4.2.2: the subscription is removed).</summary>
    NotifyRejected,

    /// <summary>Timer F fired on our NOTIFY, or the transport failed (RFC 6665 4.2.2).</summary>
    NotifyTimedOut,

    /// <summary>The box is stopping, or the resource is gone (reason=noresource / deactivated).</summary>
    Shutdown,
}
