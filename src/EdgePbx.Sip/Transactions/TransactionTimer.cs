namespace EdgePbx.Sip.Transactions;

/// <summary>
/// One restartable one-shot timer that feeds its event back into the owning machine. It holds the machine
/// itself rather than a callback (no closure per timer: a finished transaction waits up to 32 s for its
/// timer J, L or M, and the load run keeps thousands of them), and one ITimer, made at the first Start and
/// re-armed with Change after that (timers A, E and G restart at every retransmission), until Dispose.
/// </summary>
internal sealed class TransactionTimer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly SipTransaction _owner;
    private readonly TransactionEventKind _kind;
    private ITimer? _timer;

    public TransactionTimer(TimeProvider time, TransactionEventKind kind, SipTransaction owner)
    {
        _time = time;
        _kind = kind;
        _owner = owner;
    }

    /// <summary>Current interval (doubling timers A, E, G keep it here).</summary>
    public TimeSpan Interval { get; private set; }

    /// <summary>Arms the timer for <paramref name="due"/> from now, in place of any earlier due time.</summary>
    public void Start(TimeSpan due)
    {
        Interval = due;
        if (_timer is null)
        {
            _timer = _time.CreateTimer(static s => ((TransactionTimer)s!).Fire(), this, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// Stops it and lets go of the ITimer; a later Start would make a new one. The machines call it (through
    /// SipTransaction.Drop, which also clears their field) for a timer whose state is over (A and B once answered, E and
    /// F once a final came, G and H at the ACK): a finished transaction keeps only its last timer for its 5 or 32 s.
    /// </summary>
    public void Dispose()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private void Fire() => _owner.Handle(TransactionEvent.Timer(_kind));
}
