namespace EdgePbx.Sip.Transactions;

/// <summary>Everything that can happen to a transaction (RFC 3261 figures 5-8, RFC 6026 figures).</summary>
public enum TransactionEventKind
{
    /// <summary>A response arrived from the network (client transactions).</summary>
    Response = 0,

    /// <summary>The request arrived again, or an ACK matched (server transactions).</summary>
    Request,

    /// <summary>The transaction user sends a response (server transactions).</summary>
    TuResponse,
    TimerA,
    TimerB,
    TimerD,
    TimerE,
    TimerF,
    TimerG,
    TimerH,
    TimerI,
    TimerJ,
    TimerK,
    TimerL,
    TimerM,
    TransportError,
}
