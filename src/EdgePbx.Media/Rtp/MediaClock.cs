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
/// A subscriber with nothing to do every frame (a bridged call relayed on arrival only looks for a media timeout)
/// moves to the slow lane (<see cref="MediaClockSubscription.SetSlow"/>): it is called every <see cref="SlowLaneFrames"/>th
/// frame, the slow lane spread over the frames by slot, and the tick skips it without touching it otherwise.
/// </summary>
public sealed class MediaClock : IDisposable
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>A subscriber in the slow lane is called once every this many frames (200 ms).</summary>
    public const int SlowLaneFrames = 10;

    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly Stack<int> _freeSlots = new();
    private Entry[] _entries = new Entry[64];
    private int _slotsUsed;
    private int _ticking;
    private long _overruns;

    // One subscriber; written under the gate, read by the tick without it (a torn read costs one frame at most).
    private struct Entry
    {
        public Action? OnFrame;
        public bool Slow;
    }

    public MediaClock(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _timer = time.CreateTimer(_ => Tick(), null, FrameInterval, FrameInterval);
    }

    public long Ticks { get; private set; }

    /// <summary>Ticks skipped because the previous one was still running (the box is out of CPU).</summary>
    public long Overruns => Interlocked.Read(ref _overruns);

    /// <summary>Registers a per-frame callback (a session's Tick, a relay's or a player's frame); dispose to remove.</summary>
    public MediaClockSubscription Subscribe(Action onFrame)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        int slot;
        lock (_gate)
        {
            if (!_freeSlots.TryPop(out slot))
            {
                slot = _slotsUsed;
                if (slot == _entries.Length)
                {
                    var grown = new Entry[_entries.Length * 2];
                    _entries.CopyTo(grown, 0);
                    Volatile.Write(ref _entries, grown);
                }

                _entries[slot] = new Entry { OnFrame = onFrame };
                Volatile.Write(ref _slotsUsed, slot + 1);
            }
            else
            {
                _entries[slot] = new Entry { OnFrame = onFrame };
            }
        }

        return new MediaClockSubscription(this, slot, onFrame);
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
            var phase = (int)(Ticks % SlowLaneFrames);
            Ticks++;
            var entries = Volatile.Read(ref _entries);
            var used = Math.Min(Volatile.Read(ref _slotsUsed), entries.Length);
            for (var i = 0; i < used; i++)
            {
                ref readonly var entry = ref entries[i];
                if (entry.Slow && i % SlowLaneFrames != phase)
                {
                    continue;
                }

                entry.OnFrame?.Invoke();
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    internal void Remove(int slot, Action onFrame)
    {
        lock (_gate)
        {
            // Only if the slot still holds this subscriber: a second Dispose must not free a reused slot.
            if (ReferenceEquals(_entries[slot].OnFrame, onFrame))
            {
                _entries[slot] = default;
                _freeSlots.Push(slot);
            }
        }
    }

    internal void SetSlow(int slot, Action onFrame, bool slow)
    {
        lock (_gate)
        {
            // A subscription already disposed must not move the subscriber that reuses its slot.
            if (ReferenceEquals(_entries[slot].OnFrame, onFrame))
            {
                _entries[slot].Slow = slow;
            }
        }
    }
}
