namespace EdgePbx.Media.Rtp;

/// <summary>
/// One 20 ms timer (from the injected TimeProvider) that ticks every registered session: no thread per call.
/// Subscribers are added and removed from call handlers while the timer runs: each has a slot of an array
/// that a tick reads without a lock (the array is only replaced, never resized in place, when it grows), so
/// adding or removing one costs the same with 10 calls up as with 2,000. A tick that races a removal may
/// still call the removed subscriber once.
/// On the system clock a timer fires again on another pool thread when a tick overruns its 20 ms; that tick
/// is skipped (and counted in <see cref="Overruns"/>) so that no session is ever ticked from two threads at
/// once. (The daemon gives the clock a thread of its own, EdgePbx.Sip TimerThread, where ticks never overlap.)
/// </summary>
public sealed class MediaClock : IDisposable
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(20);

    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly Stack<int> _freeSlots = new();
    private Action?[] _slots = new Action?[64];
    private int _slotsUsed;
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
        ArgumentNullException.ThrowIfNull(onFrame);
        int slot;
        lock (_gate)
        {
            if (!_freeSlots.TryPop(out slot))
            {
                slot = _slotsUsed;
                if (slot == _slots.Length)
                {
                    var grown = new Action?[_slots.Length * 2];
                    _slots.CopyTo(grown, 0);
                    Volatile.Write(ref _slots, grown);
                }

                _slots[slot] = onFrame;
                Volatile.Write(ref _slotsUsed, slot + 1);
            }
            else
            {
                _slots[slot] = onFrame;
            }
        }

        return new Subscription(this, slot, onFrame);
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
            var slots = Volatile.Read(ref _slots);
            var used = Math.Min(Volatile.Read(ref _slotsUsed), slots.Length);
            for (var i = 0; i < used; i++)
            {
                slots[i]?.Invoke();
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    private void Remove(int slot, Action onFrame)
    {
        lock (_gate)
        {
            // Only if the slot still holds this subscriber: a second Dispose must not free a reused slot.
            if (ReferenceEquals(_slots[slot], onFrame))
            {
                _slots[slot] = null;
                _freeSlots.Push(slot);
            }
        }
    }

    private sealed class Subscription(MediaClock clock, int slot, Action onFrame) : IDisposable
    {
        public void Dispose() => clock.Remove(slot, onFrame);
    }
}
