using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;

namespace EdgePbx.Sip.Registration;

/// <summary>The transaction user of one qualify OPTIONS: its final response or timeout becomes the contact's reachability.</summary>
internal sealed class QualifyOutcome(ContactQualifier qualifier, SipBinding binding) : ITransactionUser
{
    public void OnResponse(SipTransaction transaction, SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode >= 200)
        {
            qualifier.Record(binding, ContactReachability.Reachable);
        }
    }

    public void OnAck(SipTransaction transaction, SipMessage ack)
    {
    }

    // RFC 3261 17.1.2.2: timer F (64*T1) without a final response.
    public void OnTimeout(SipTransaction transaction) => qualifier.Record(binding, ContactReachability.Unreachable);

    public void OnTransportError(SipTransaction transaction) => qualifier.Record(binding, ContactReachability.Unreachable);

    public void OnTerminated(SipTransaction transaction) => qualifier.Finished(binding);
}
