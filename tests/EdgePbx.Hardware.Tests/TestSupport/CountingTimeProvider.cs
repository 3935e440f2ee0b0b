namespace EdgePbx.Hardware.Tests.TestSupport;

/// <summary>Delegates to another clock and counts the timers created through it.</summary>
internal sealed class CountingTimeProvider(TimeProvider inner) : TimeProvider
{
    public int TimersCreated { get; private set; }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TimersCreated++;
        return inner.CreateTimer(callback, state, dueTime, period);
    }
}
