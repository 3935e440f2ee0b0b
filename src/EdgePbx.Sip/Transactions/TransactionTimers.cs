namespace EdgePbx.Sip.Transactions;

/// <summary>RFC 3261 17.1.1.1 / table 4 timer values (T1, T2, T4) and the timers derived from them.</summary>
public sealed record TransactionTimers
{
    public static TransactionTimers Default { get; } = new();

    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>64*T1: timers B, F, H, J and RFC 6026 L and M.</summary>
    public TimeSpan SixtyFourT1 => T1 * 64;

    /// <summary>Timer D over unreliable transports: at least 32 s (17.1.1.2).</summary>
    public TimeSpan TimerDUnreliable { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>Timer D: <see cref="TimerDUnreliable"/> over UDP, zero over reliable transports.</summary>
    public TimeSpan TimerD(bool reliable) => reliable ? TimeSpan.Zero : TimerDUnreliable;
}
