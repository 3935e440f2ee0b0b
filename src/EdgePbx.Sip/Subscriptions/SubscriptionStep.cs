namespace EdgePbx.Sip.Subscriptions;

/// <summary>
/// What <see cref="Subscription.Handle"/> asks of the notifier: send a NOTIFY now (with the subscription's
/// current Subscription-State), forget the subscription (no more SUBSCRIBEs match it), re-arm the expiry timer.
/// </summary>
public readonly record struct SubscriptionStep(bool SendNotify, bool Remove, bool RearmTimer)
{
    public static SubscriptionStep Nothing => default;
}
