namespace EdgePbx.Hardware.Leds;

/// <summary>
/// Pure pattern arithmetic: whether a pattern is lit a given time after it started, and when it
/// next changes. Phases are counted from the pattern's start so a line lights the moment it rings.
/// </summary>
public readonly record struct LedTiming(TimeSpan BlinkHalfPeriod, TimeSpan FastBlinkHalfPeriod)
{
    public bool IsLit(LedPattern pattern, TimeSpan sinceStart) => pattern switch
    {
        LedPattern.On => true,
        LedPattern.Blink => (sinceStart.Ticks / BlinkHalfPeriod.Ticks) % 2 == 0,
        LedPattern.FastBlink => (sinceStart.Ticks / FastBlinkHalfPeriod.Ticks) % 2 == 0,
        _ => false,
    };

    /// <summary>Time since start of the next level change, or null for a steady pattern.</summary>
    public TimeSpan? NextEdge(LedPattern pattern, TimeSpan sinceStart)
    {
        TimeSpan half = pattern switch
        {
            LedPattern.Blink => BlinkHalfPeriod,
            LedPattern.FastBlink => FastBlinkHalfPeriod,
            _ => TimeSpan.Zero,
        };
        if (half <= TimeSpan.Zero)
        {
            return null;
        }

        long halves = sinceStart.Ticks / half.Ticks;
        return TimeSpan.FromTicks((halves + 1) * half.Ticks);
    }

    public static LedPattern ForLine(LineState state) => state switch
    {
        LineState.Ringing => LedPattern.Blink,
        LineState.InCall => LedPattern.On,
        LineState.Fault => LedPattern.FastBlink,
        _ => LedPattern.Off,
    };
}
