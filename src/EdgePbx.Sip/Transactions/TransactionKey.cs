using EdgePbx.Sip.Messages;

namespace EdgePbx.Sip.Transactions;

/// <summary>
/// RFC 3261 17.1.3 / 17.2.3: a transaction is found by the top Via branch, the sent-by and the
/// method (ACK and CANCEL are folded as the RFC says by the layer, not here).
/// </summary>
public readonly record struct TransactionKey(string Branch, string SentBy, string Method, bool IsServer)
{
    public static TransactionKey ForServer(SipMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method == "ACK" ? "INVITE" : request.Method;
        var branch = request.TopBranch;
        if (branch is null || !branch.StartsWith("z9hG4bK", StringComparison.Ordinal) || branch.Length == 7)
        {
            // 17.2.3: without a usable RFC 3261 branch (RFC 2543 peers, RFC 4475 badbranch) match on
            // the dialog identifiers and CSeq number instead.
            branch = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"2543|{request.CallId}|{request.CSeqNumber}|{request.FromTag}");
        }

        return new TransactionKey(branch, request.TopSentBy, method, true);
    }

    /// <summary>17.1.3: a response matches on its top branch and CSeq method.</summary>
    public static TransactionKey ForClient(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var method = message.Method == "ACK" ? "INVITE" : message.Method;
        return new TransactionKey(message.TopBranch ?? string.Empty, string.Empty, method, false);
    }
}
