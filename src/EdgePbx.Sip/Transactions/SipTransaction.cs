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
    private SipMessage? _request;
    private int _timersMade;

    private protected SipTransaction(TransactionKey key, SipMessage request, SipPeer peer, ISipSender sender, ITransactionUser user, TimeProvider time, TransactionTimers timers)
    {
        Key = key;
        _request = request;
        Peer = peer;
        Sender = sender;
        User = user;
        Time = time;
        Timers = timers;
    }

    public TransactionKey Key { get; }

    /// <summary>
    /// The request that created the transaction; null once the transaction only waits for its last timer
    /// (Completed, Confirmed, Accepted): matching retransmissions needs the key alone, and a finished transaction
    /// waits up to 32 s (RFC 3261 timers J, D; RFC 6026 timers L, M), thousands of them at a hundred calls a second.
    /// </summary>
    public SipMessage? Request => Volatile.Read(ref _request);

    /// <summary>Set by the stack when the request is in its merged-request index (RFC 3261 8.2.2.2), to leave it at the end.</summary>
    internal (string CallId, string FromTag, long CSeq, string Method)? MergeId { get; set; }

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
                if (State is TransactionState.Completed or TransactionState.Confirmed or TransactionState.Accepted && _request is { } request)
                {
                    // Only its last timer is left: neither the request nor its parsed parts are needed any more (the
                    // engine may still hold the message: its parsed headers go too, they parse again if asked for).
                    request.ReleaseParsed();
                    Volatile.Write(ref _request, null);
                    OnRequestReleased();
                }
            }
        }
    }

    public void Dispose()
    {
        DisposeTimers();
        GC.SuppressFinalize(this);
    }

    private protected abstract void OnEvent(TransactionEvent e);

    /// <summary>The request is let go (see <see cref="Request"/>): a machine drops what it kept of it.</summary>
    private protected virtual void OnRequestReleased()
    {
    }

    /// <summary>
    /// Starts (or restarts) a timer of this machine, kept in a field of its own: its ITimer is made at the first start
    /// and let go by the field's Dispose once that timer's state is over, so a finished transaction holds only the
    /// timer it waits on. A machine's Start runs outside the lock and may race a Handle on another thread (a response
    /// that beats the arming of A or E): at worst a timer is left armed and fires into a state that ignores it, and
    /// Terminated disposes every timer field.
    /// </summary>
    private protected void Arm(ref TransactionTimer timer, TransactionEventKind kind, TimeSpan due)
    {
        if (timer.Start(this, Time, kind, due))
        {
            Interlocked.Increment(ref _timersMade);
        }
    }

    /// <summary>How many ITimers the machine has made (for tests: a finished transaction should not hold the others').</summary>
    internal int TimersMade => Volatile.Read(ref _timersMade);

    /// <summary>Disposes every timer the machine still holds (Dispose on each of its timer fields).</summary>
    private protected abstract void DisposeTimers();

    private protected void SetState(TransactionState state)
    {
        State = state;
        if (state == TransactionState.Terminated)
        {
            // Done with for good: every ITimer still held goes now (the one that fired included).
            DisposeTimers();

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
