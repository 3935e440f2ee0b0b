namespace EdgePbx.Sip.Transactions;

/// <summary>
/// One restartable one-shot timer of a machine, kept by value in a field of the machine: no object of its own. Its
/// ITimer's callback state is the machine itself and the callback is a static one per timer kind, so a finished
/// transaction waiting 32 s for its timer J, L or M (thousands of them at a hundred calls a second) holds just that
/// ITimer. The ITimer is made at the first Start and re-armed with Change after that (timers A, E and G restart at
/// every retransmission), until Dispose. The machines start it through SipTransaction.Arm (which counts the ITimers
/// made) and call Dispose on the field itself (a field, not a copy: the struct is mutable).
/// </summary>
internal struct TransactionTimer
{
    // Index: TransactionEventKind. Kinds that are not timers never arm one.
    private static readonly TimerCallback[] Callbacks = MakeCallbacks();

    private ITimer? _timer;

    /// <summary>Current interval (doubling timers A, E, G keep it here).</summary>
    public TimeSpan Interval { get; private set; }

    /// <summary>
    /// Arms the timer for <paramref name="due"/> from now, in place of any earlier due time; true when this made its
    /// ITimer (the first start since it was made or disposed).
    /// </summary>
    public bool Start(SipTransaction owner, TimeProvider time, TransactionEventKind kind, TimeSpan due)
    {
        Interval = due;
        if (_timer is { } timer)
        {
            timer.Change(due, Timeout.InfiniteTimeSpan);
            return false;
        }

        _timer = time.CreateTimer(Callbacks[(int)kind], owner, due, Timeout.InfiniteTimeSpan);
        return true;
    }

    /// <summary>Stops it and lets go of the ITimer; a later Start makes a new one.</summary>
    public void Dispose() => Interlocked.Exchange(ref _timer, null)?.Dispose();

    private static TimerCallback[] MakeCallbacks()
    {
        var kinds = Enum.GetValues<TransactionEventKind>();
        var callbacks = new TimerCallback[kinds.Length];
        foreach (var kind in kinds)
        {
            var e = TransactionEvent.Timer(kind);
            callbacks[(int)kind] = s => ((SipTransaction)s!).Handle(e);
        }

        return callbacks;
    }
}
