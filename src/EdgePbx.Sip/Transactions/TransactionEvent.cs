using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Transactions;

/// <summary>One input to a transaction state machine; Message is set for Response, Request and TuResponse.</summary>
public readonly record struct TransactionEvent(TransactionEventKind Kind, SipMessage? Message = null)
{
    public static TransactionEvent Timer(TransactionEventKind kind) => new(kind);
}
