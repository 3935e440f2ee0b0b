namespace EdgePbx.Media.Rtp;

/// <summary>
/// One 20 ms timer (from the injected TimeProvider) that ticks every registered session: no thread per call.
/// Sessions are added and removed from call handlers while the timer runs, hence the copy-on-write array.
/// A timer fires again on another pool thread when a tick overruns its 20 ms; that tick is skipped (and
/// counted in <see cref="Overruns"/>) so that no session is ever ticked from two threads at once.
/// </summary>
public sealed class MediaClock : IDisposable
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(20);

    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private Action[] _subscribers = [];
    private int _ticking;
    private long _overruns;

    public MediaClock(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _timer = time.CreateTimer(_ => Tick(), null, FrameInterval, FrameInterval);
    }

    public long Ticks { get; private set; }

    /// <summary>Ticks skipped because the previous one was still running (the box is out of CPU).</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

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
        if (Interlocked.Exchange(ref _ticking, 1) != 0)
        {
            Interlocked.Increment(ref _overruns);
            return;
        }

        try
        {
            Ticks++;
            foreach (var subscriber in Volatile.Read(ref _subscribers))
            {
                subscriber();
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
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
