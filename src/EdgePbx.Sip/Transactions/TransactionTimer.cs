namespace EdgePbx.Sip.Transactions;

/// <summary>
/// One restartable one-shot timer that feeds its event back into the owning machine. It holds the machine
/// itself rather than a callback (no closure per timer: a finished transaction waits up to 32 s for its
/// timer J, L or M, and the load run keeps thousands of them).
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

    public void Start(TimeSpan due)
    {
        Stop();
        Interval = due;
        _timer = _time.CreateTimer(static s => ((TransactionTimer)s!).Fire(), this, due, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }

    public void Dispose() => Stop();

    private void Fire() => _owner.Handle(TransactionEvent.Timer(_kind));
}
