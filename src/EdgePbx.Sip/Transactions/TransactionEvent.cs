using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Transactions;

/// <summary>
/// One input to a transaction state machine: Message is set for Response and Request, Response for TuResponse.
/// </summary>
public readonly record struct TransactionEvent(TransactionEventKind Kind, SipMessage? Message = null, OutgoingResponse Response = default)
{
    public static TransactionEvent Timer(TransactionEventKind kind) => new(kind);

    /// <summary>The transaction user's response to the request.</summary>
    public static TransactionEvent TuResponse(OutgoingResponse response) => new(TransactionEventKind.TuResponse, Response: response);
}
