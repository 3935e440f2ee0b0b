using System.Diagnostics;
using System.Numerics;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Sip.Threading;

/// <summary>
/// A clock whose timers all run on one thread of their own. The daemon has two: "SIP timers" for the SIP
/// stack's transaction timers and the engine's call timers, "Media clock" for the 20 ms media clock. The
/// system clock's timers fire through the runtime's timer thread and then a pool thread (which often wakes
/// a second one), and its timer queue walks every short timer at each firing; at 100 calls/s (bench/calls)
/// that was a tenth of the daemon's CPU. Here one sleep ends for all timers due together, their callbacks
/// run in turn on this thread, and the engine work they post runs on it after them
/// (<see cref="SipThreadWork"/>).
/// Callbacks must be short and must not block (they send a datagram, post to the engine); a callback that
/// throws is logged and the thread goes on. A callback never runs after its timer's Change or Dispose has
/// returned unless it had already started.
/// Pending timers are kept in a <see cref="TimingWheel"/> of 1 ms ticks: a timer is its own node there, so
/// scheduling, changing and disposing one are O(1) and a changed or disposed timer leaves nothing behind (under
/// load most timers, the 32 s transaction timers above all, are cancelled long before they fire; a heap kept
/// tens of thousands of their stale entries, each making every push and pop dearer).
/// Why 1 ms: the thread sleeps in whole milliseconds (Monitor.Wait), so a finer tick would buy nothing, and a
/// coarser one would make the media clock late. A timer goes in the first tick at or after its due time (never
/// early), rounded up by a slack of at most a sixteenth of its delay (<see cref="TickFor"/>), and fires less than a
/// tick after that, plus the under 1 ms by which the millisecond sleep overshoots. The slack is what lets the
/// timers of many calls share a wake-up: the 32 s and 5 s timers that end every transaction (RFC 3261 17, RFC 6026)
/// fall on 256 ms boundaries, so at 100 calls/s they cost four wake-ups a second, not one each (this thread woke
/// 273 times a second under bench/calls before; as the Linux kernel's timer wheel does, precision shrinks as the
/// delay grows). The timers of one wake-up fire in the order they came due, those due together in the order they
/// were set. The thread sleeps until the next tick at which anything is due (or must move down the wheel), not
/// tick by tick.
/// A periodic timer counts each period from when the last one was due, in Stopwatch ticks, not from when it ran
/// or from its tick: a clock that fires a little late never drifts, and as the media clock's 20 ms is 20 ticks,
/// its lateness stays the same from frame to frame. Periods missed while the thread was held up are skipped
/// (one firing for them, then back on phase), not fired in a burst.
/// </summary>
public sealed partial class TimerThread : TimeProvider, IDisposable
{
    /// <summary>Stopwatch ticks in a wheel tick (1 ms).</summary>
    private static readonly long TickLength = Math.Max(1, Stopwatch.Frequency / 1000);

    /// <summary>The most a timer's tick is rounded up by (<see cref="TickFor"/>): 256 ms, the first level of the wheel.</summary>
    private const long MaxSlackTicks = 256;

    private readonly object _gate = new();
    private readonly TimingWheel _wheel = new(Stopwatch.GetTimestamp() / TickLength);
    private readonly List<Pending> _firing = [];
    private readonly Thread _thread;
    private readonly ILogger _logger;

    // The wheel tick the thread sleeps until: a timer due before it wakes the thread (long.MinValue while it fires).
    private long _wakeAt = long.MaxValue;
    private bool _stopped;

    public TimerThread(string name, ILogger<TimerThread> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Timers waiting to fire (for tests): live ones only, a changed or disposed timer leaves no entry.</summary>
    internal int PendingEntries
    {
        get
        {
            lock (_gate)
            {
                return _wheel.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ThreadTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _wheel.Clear();
            Monitor.Pulse(_gate);
        }

        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
    }

    // Clamped to ~30 years, so that adding it to a timestamp cannot overflow.
    private static long ToTicks(TimeSpan span) => (long)(Math.Min(span.TotalSeconds, 1e9) * Stopwatch.Frequency);

    /// <summary>
    /// The wheel tick a timer due at <paramref name="due"/> (Stopwatch ticks), set at <paramref name="now"/>, goes in:
    /// the first tick at or after its due time (never early), then rounded up to a multiple of its slack, the largest
    /// power of two of ticks no more than a sixteenth of its delay, at most <see cref="MaxSlackTicks"/>. A timer set
    /// for 20 ms keeps its tick, one for 500 ms (T1) goes to a 16 ms boundary, one for 4 s or more to a 256 ms one.
    /// </summary>
    internal static long TickFor(long due, long now)
    {
        var tick = (due + TickLength - 1) / TickLength;
        var slack = (due - now) / TickLength / 16;
        if (slack < 2)
        {
            return tick;
        }

        var grid = Math.Min(MaxSlackTicks, 1L << (63 - BitOperations.LeadingZeroCount((ulong)slack)));
        return (tick + grid - 1) / grid * grid;
    }

    /// <summary>Under the lock: puts the timer in the wheel for its due time (<see cref="TickFor"/>).</summary>
    private void Schedule(ThreadTimer timer, long now)
    {
        if (_stopped)
        {
            return;
        }

        var tick = TickFor(timer.Due, now);
        _wheel.Add(timer, tick);
        if (tick < _wakeAt)
        {
            _wakeAt = tick;
            Monitor.Pulse(_gate);
        }
    }

    private void Run()
    {
        while (TakeDue())
        {
            SipThreadWork.Begin();
            try
            {
                foreach (var pending in _firing)
                {
                    pending.Timer.Fire(pending.Generation);
                }
            }
            finally
            {
                _firing.Clear();
                SipThreadWork.RunDeferred();
            }
        }
    }

    /// <summary>Sleeps until timers are due and moves them to <see cref="_firing"/>; false once disposed.</summary>
    private bool TakeDue()
    {
        lock (_gate)
        {
            while (!_stopped)
            {
                // Periodic timers put back below need not wake the thread: it is awake.
                _wakeAt = long.MinValue;
                var now = Stopwatch.GetTimestamp();

                // Every tick up to this one has begun, so each of its timers is due.
                var tick = now / TickLength;
                while (_wheel.TryTake(tick, out var entry))
                {
                    var timer = (ThreadTimer)entry;
                    AddInDueOrder(new Pending(timer, timer.Generation, timer.Due));
                    timer.Rearm(now);
                }

                if (_firing.Count > 0)
                {
                    return true;
                }

                var next = _wheel.NextDue();
                _wakeAt = next;
                if (next == long.MaxValue)
                {
                    Monitor.Wait(_gate);
                }
                else
                {
                    // In whole milliseconds from now, which is at or after the start of `tick`: it ends at or after `next` begins.
                    Monitor.Wait(_gate, (int)Math.Min(next - tick, int.MaxValue));
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Into <see cref="_firing"/> after every entry due at or before it: the wheel gives a tick's timers in the order
    /// they were set, and with the slack a tick holds timers due at different times. Mostly in order already, so
    /// this walks back a step or two.
    /// </summary>
    private void AddInDueOrder(Pending pending)
    {
        var at = _firing.Count;
        while (at > 0 && _firing[at - 1].Due > pending.Due)
        {
            at--;
        }

        _firing.Insert(at, pending);
    }

    [LoggerMessage(EventId = 190, Level = LogLevel.Error, Message = "A timer callback on {Thread} failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception, string? thread);

    private readonly record struct Pending(ThreadTimer Timer, int Generation, long Due);

    /// <summary>A timer and its own node in the owner's wheel; every field but the callback's is guarded by owner._gate.</summary>
    private sealed class ThreadTimer(TimerThread owner, TimerCallback callback, object? state) : TimingWheel.Entry, ITimer
    {
        private TimerCallback? _callback = callback;
        private object? _state = state;
        private long _period;

        /// <summary>Bumped by every Change and by Dispose: a firing taken for an earlier generation is dropped.</summary>
        internal int Generation { get; private set; }

        /// <summary>When it is due next, in Stopwatch ticks.</summary>
        internal long Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, Timeout.InfiniteTimeSpan);
            ArgumentOutOfRangeException.ThrowIfLessThan(period, Timeout.InfiniteTimeSpan);
            // Read only when arming: the clock costs about as much as the rest of a Change.
            var now = dueTime == Timeout.InfiniteTimeSpan ? 0 : Stopwatch.GetTimestamp();
            lock (owner._gate)
            {
                if (_callback is null)
                {
                    return false;
                }

                Generation++;
                _period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? 0 : Math.Max(1, ToTicks(period));
                owner._wheel.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = now + ToTicks(dueTime);
                    owner.Schedule(this, now);
                }
            }

            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                Generation++;
                _callback = null;
                _state = null;
                owner._wheel.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        /// <summary>
        /// Under the owner's lock, as the timer is taken to fire: a periodic one goes back in the wheel for its next
        /// period, counted from when this one was due; periods already missed are skipped.
        /// </summary>
        internal void Rearm(long now)
        {
            if (_period == 0)
            {
                return;
            }

            var next = Due + _period;
            if (next <= now)
            {
                next += ((now - next) / _period + 1) * _period;
            }

            Due = next;
            owner.Schedule(this, now);
        }

        internal void Fire(int generation)
        {
            TimerCallback? callback;
            object? state;
            lock (owner._gate)
            {
                if (generation != Generation)
                {
                    return;
                }

                callback = _callback;
                state = _state;
            }

            if (callback is null)
            {
                return;
            }

            try
            {
                callback(state);
            }
#pragma warning disable CA1031 // A failing callback must not stop every other timer of the box.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCallbackFailed(owner._logger, ex, owner._thread.Name);
            }
        }
    }
}
