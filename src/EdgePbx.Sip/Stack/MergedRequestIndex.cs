using System.Collections.Concurrent;
using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transactions;

namespace EdgePbx.Sip.Stack;

/// <summary>
/// RFC 3261 8.2.2.2 merged-request detection in constant time: the first live server transaction of each
/// (Call-ID, From tag, CSeq number, method) without a To tag. A scan of every server transaction (those
/// lingering in Completed for timer J included, thousands at 100 calls/s) took a sixth of the daemon's CPU
/// in the call load run (bench/calls).
/// </summary>
internal sealed class MergedRequestIndex
{
    private readonly ConcurrentDictionary<(string CallId, string FromTag, long CSeq, string Method), TransactionKey> _first = new();

    /// <summary>
    /// True when another live transaction (<paramref name="isLive"/>) already carries the same request on
    /// another branch; otherwise <paramref name="transaction"/> becomes the one the request is known by. The
    /// transaction keeps the request's identity (<see cref="SipTransaction.MergeId"/>) for <see cref="Forget"/>: it
    /// lets go of the request itself before it ends.
    /// </summary>
    public bool IsMerged(SipMessage request, SipTransaction transaction, Func<TransactionKey, bool> isLive)
    {
        var id = Id(request);
        var key = transaction.Key;
        transaction.MergeId = id;
        while (true)
        {
            var known = _first.GetOrAdd(id, key);
            if (known.Equals(key))
            {
                return false;
            }

            if (isLive(known))
            {
                return true;
            }

            // The first one ended: this request is not merged with it; take its place.
            if (_first.TryUpdate(id, key, known))
            {
                return false;
            }
        }
    }

    /// <summary>A server transaction ended: forget it if it was the one its request is known by.</summary>
    public void Forget(SipTransaction transaction)
    {
        if (transaction.MergeId is { } id)
        {
            _first.TryRemove(new KeyValuePair<(string, string, long, string), TransactionKey>(id, transaction.Key));
        }
    }

    private static (string, string, long, string) Id(SipMessage m) => (m.CallId, m.FromTag ?? string.Empty, m.CSeqNumber, m.Method);
}
