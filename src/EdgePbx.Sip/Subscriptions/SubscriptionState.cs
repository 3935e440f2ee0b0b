namespace EdgePbx.Sip.Subscriptions;

/// <summary>RFC 6665 4.1.2 / 4.2.2: where one subscription stands on the notifier's side.</summary>
public enum SubscriptionState
{
    /// <summary>Accepted: NOTIFYs carry "Subscription-State: active".</summary>
    Active,

    /// <summary>Over (unsubscribed, expired, or the subscriber refused a NOTIFY); removed from the notifier.</summary>
    Terminated,
}
