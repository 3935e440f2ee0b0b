namespace EdgePbx.Media.Rtp;

/// <summary>
/// One 20 ms timer (from the injected TimeProvider) that ticks every registered session: no thread per call.
/// Sessions are added and removed from call handlers while the timer runs, hence the copy-on-write array.
/// </summary>
public sealed class MediaClock : IDisposable
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(20);

    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private Action[] _subscribers = [];

    public MediaClock(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _timer = time.CreateTimer(_ => Tick(), null, FrameInterval, FrameInterval);
    }

    public long Ticks { get; private set; }

    /// <summary>Registers a per-frame callback (a session's Tick, a relay's or a player's frame); dispose to remove.</summary>
    public IDisposable Subscribe(Action onFrame)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onFrame];
        }

        return new Subscription(this, onFrame);
    }

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        Ticks++;
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber();
        }
    }

    private void Remove(Action onFrame)
    {
        lock (_gate)
        {
            _subscribers = Array.FindAll(_subscribers, s => s != onFrame);
        }
    }

    private sealed class Subscription(MediaClock clock, Action onFrame) : IDisposable
    {
        public void Dispose() => clock.Remove(onFrame);
    }
}
