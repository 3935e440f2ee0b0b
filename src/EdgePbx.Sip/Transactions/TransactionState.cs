namespace EdgePbx.Sip.Transactions;

/// <summary>The states of RFC 3261 17 (figures 5-8) plus RFC 6026's Accepted.</summary>
public enum TransactionState
{
    Calling = 0,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}
