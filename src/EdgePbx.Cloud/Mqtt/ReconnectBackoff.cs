namespace EdgePbx.Cloud.Mqtt;

/// <summary>
/// Delay before the next connect attempt: doubles from <see cref="Min"/> up to <see cref="Max"/>, and
/// starts over after a successful connection, so a fleet does not hammer a broker that just restarted.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan min, TimeSpan max)
{
    private TimeSpan _next = min;

    public TimeSpan Min { get; } = min;

    public TimeSpan Max { get; } = max;

    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Max.Ticks));
        return delay;
    }

    public void Reset() => _next = Min;
}
