using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;

namespace EdgePbx.Switchboard.Signalling;

/// <summary>For requests whose outcome changes nothing (a BYE to a caller who is gone either way).</summary>
internal sealed class NoTransactionUser : ITransactionUser
{
    public static readonly NoTransactionUser Instance = new();

    public void OnResponse(SipTransaction transaction, SipMessage response)
    {
    }

    public void OnAck(SipTransaction transaction, SipMessage ack)
    {
    }

    public void OnTimeout(SipTransaction transaction)
    {
    }

    public void OnTransportError(SipTransaction transaction)
    {
    }

    public void OnTerminated(SipTransaction transaction)
    {
    }
}
