using EdgePbx.Sip.Messages;
using EdgePbx.Sip.Transport;

namespace EdgePbx.Sip.Transactions;

/// <summary>
/// Common shape of the four RFC 3261 section 17 machines: explicit state, one Handle(event) that is
/// the only place transitions happen, timers from the injected TimeProvider. Handle is serialised
/// by a lock so network events and timer callbacks never interleave; nothing awaits inside it.
/// </summary>
public abstract class SipTransaction : IDisposable
{
    private readonly object _gate = new();
    private readonly List<TransactionTimer> _timers = [];
    private bool _released;

    private protected SipTransaction(TransactionKey key, SipMessage request, SipPeer peer, ISipSender sender, ITransactionUser user, TimeProvider time, TransactionTimers timers)
    {
        Key = key;
        Request = request;
        Peer = peer;
        Sender = sender;
        User = user;
        Time = time;
        Timers = timers;
    }

    public TransactionKey Key { get; }

    /// <summary>The request that created the transaction.</summary>
    public SipMessage Request { get; }

    public SipPeer Peer { get; }

    public TransactionState State { get; private set; }

    public bool IsReliable => Peer.IsReliable;

    private protected ISipSender Sender { get; }

    private protected ITransactionUser User { get; }

    private protected TimeProvider Time { get; }

    private protected TransactionTimers Timers { get; }

    public void Handle(TransactionEvent e)
    {
        lock (_gate)
        {
            if (State != TransactionState.Terminated)
            {
                OnEvent(e);
                if (State is TransactionState.Completed or TransactionState.Confirmed or TransactionState.Accepted && !_released)
                {
                    // Only its last timer is left: the request's bytes match retransmissions, its parsed parts are not needed.
                    _released = true;
                    Request.ReleaseParsed();
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var t in _timers)
        {
            t.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private protected abstract void OnEvent(TransactionEvent e);

    private protected TransactionTimer NewTimer(TransactionEventKind kind)
    {
        var t = new TransactionTimer(Time, kind, this);
        _timers.Add(t);
        return t;
    }

    private protected void SetState(TransactionState state)
    {
        State = state;
        if (state == TransactionState.Terminated)
        {
            foreach (var t in _timers)
            {
                t.Stop();
            }

            User.OnTerminated(this);
        }
    }

    /// <summary>Sends; a transport failure moves to Terminated and tells the TU (RFC 3261 17.1.4/17.2.4).</summary>
    private protected bool Send(ReadOnlyMemory<byte> data)
    {
        if (Sender.Send(data, Peer))
        {
            return true;
        }

        User.OnTransportError(this);
        SetState(TransactionState.Terminated);
        return false;
    }

    private protected void Start(TransactionState initial) => State = initial;
}
