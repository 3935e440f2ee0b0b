namespace EdgePbx.Sip.Transactions;

/// <summary>One restartable one-shot timer that feeds its event back into the owning machine.</summary>
internal sealed class TransactionTimer : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Action<TransactionEventKind> _fire;
    private readonly TransactionEventKind _kind;
    private ITimer? _timer;

    public TransactionTimer(TimeProvider time, TransactionEventKind kind, Action<TransactionEventKind> fire)
    {
        _time = time;
        _kind = kind;
        _fire = fire;
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

    private void Fire() => _fire(_kind);
}
