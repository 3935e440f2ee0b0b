using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;

namespace EdgePbx.Sip.Subscriptions;

/// <summary>The transaction user of one NOTIFY: turns its final response, timeout or transport error into a subscription event.</summary>
internal sealed class NotifyOutcome(EventNotifier notifier, Subscription? subscription, string target) : ITransactionUser
{
    public void OnResponse(SipTransaction transaction, SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode < 200)
        {
            return;
        }

        var kind = response.StatusCode < 300 ? SubscriptionEventKind.NotifyAccepted : SubscriptionEventKind.NotifyRejected;
        notifier.OnNotifyOutcome(subscription, target, kind, response.StatusCode);
    }

    public void OnAck(SipTransaction transaction, SipMessage ack)
    {
    }

    public void OnTimeout(SipTransaction transaction) => notifier.OnNotifyOutcome(subscription, target, SubscriptionEventKind.NotifyTimedOut, 408);

    public void OnTransportError(SipTransaction transaction) => notifier.OnNotifyOutcome(subscription, target, SubscriptionEventKind.NotifyTimedOut, 503);

    public void OnTerminated(SipTransaction transaction)
    {
    }
}
