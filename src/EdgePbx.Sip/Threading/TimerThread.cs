using System.Diagnostics;
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
/// Pending timers are kept in a heap ordered by due time; a changed or disposed timer leaves its old entry
/// behind, which is dropped once it reaches the top of the heap (a disposed timer lets go of its callback and
/// state at once, so a stale entry holds nothing but the small timer object).
/// </summary>
public sealed partial class TimerThread : TimeProvider, IDisposable
{
    private readonly object _gate = new();
    private readonly PriorityQueue<Pending, long> _due = new();
    private readonly List<Pending> _firing = [];
    private readonly Thread _thread;
    private readonly ILogger _logger;
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

    /// <summary>Timers waiting, including the stale entries of changed or disposed ones (for tests).</summary>
    internal int PendingEntries
    {
        get
        {
            lock (_gate)
            {
                return _due.Count;
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
            _due.Clear();
            Monitor.Pulse(_gate);
        }

        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
    }

    // Clamped to ~30 years, so that adding it to a timestamp cannot overflow.
    private static long ToTicks(TimeSpan span) => (long)(Math.Min(span.TotalSeconds, 1e9) * Stopwatch.Frequency);

    private void Schedule(ThreadTimer timer, int generation, long due)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _due.Enqueue(new Pending(timer, generation), due);
            if (due < _wakeAt)
            {
                Monitor.Pulse(_gate);
            }
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
                var now = Stopwatch.GetTimestamp();
                while (_due.TryPeek(out var pending, out var due) && (due <= now || !pending.Timer.IsCurrent(pending.Generation)))
                {
                    _due.Dequeue();
                    if (pending.Timer.IsCurrent(pending.Generation))
                    {
                        _firing.Add(pending);
                        pending.Timer.Rearm(pending.Generation, Math.Max(due, now));
                    }
                }

                if (_firing.Count > 0)
                {
                    _wakeAt = long.MinValue;
                    return true;
                }

                if (_due.TryPeek(out _, out var next))
                {
                    _wakeAt = next;

                    // Rounded up: a wake-up a little early would only find nothing due and sleep again.
                    var wait = (int)Math.Min(int.MaxValue, ((next - now) * 1000 / Stopwatch.Frequency) + 1);
                    Monitor.Wait(_gate, wait);
                }
                else
                {
                    _wakeAt = long.MaxValue;
                    Monitor.Wait(_gate);
                }
            }

            return false;
        }
    }

    [LoggerMessage(EventId = 190, Level = LogLevel.Error, Message = "A timer callback on {Thread} failed")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception, string? thread);

    private readonly record struct Pending(ThreadTimer Timer, int Generation);

    private sealed class ThreadTimer(TimerThread owner, TimerCallback callback, object? state) : ITimer
    {
        private TimerCallback? _callback = callback;
        private object? _state = state;
        private long _period;

        // Bumped by every Change and by Dispose: entries of an earlier generation are stale. Guarded by owner._gate.
        private int _generation;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, Timeout.InfiniteTimeSpan);
            ArgumentOutOfRangeException.ThrowIfLessThan(period, Timeout.InfiniteTimeSpan);
            int generation;
            lock (owner._gate)
            {
                if (_callback is null)
                {
                    return false;
                }

                generation = ++_generation;
                _period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? 0 : Math.Max(1, ToTicks(period));
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                owner.Schedule(this, generation, Stopwatch.GetTimestamp() + ToTicks(dueTime));
            }

            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                _generation++;
                _callback = null;
                _state = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        /// <summary>Under the owner's lock.</summary>
        internal bool IsCurrent(int generation) => generation == _generation && _callback is not null;

        /// <summary>
        /// Under the owner's lock, as the entry is taken: a periodic timer is queued for its next period (from
        /// now when the thread fell behind, so that missed periods do not fire in a burst).
        /// </summary>
        internal void Rearm(int generation, long due)
        {
            if (_period > 0)
            {
                owner._due.Enqueue(new Pending(this, generation), due + _period);
            }
        }

        internal void Fire(int generation)
        {
            TimerCallback? callback;
            object? state;
            lock (owner._gate)
            {
                if (generation != _generation)
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
