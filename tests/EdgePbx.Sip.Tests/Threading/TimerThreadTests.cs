using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using EdgePbx.Sip.Threading;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Sip.Tests.Threading;

/// <summary>The timer thread against the real clock: ordering, change, dispose, periods, failures, deferral.</summary>
public sealed class TimerThreadTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly TimerThread _timers = new("SIP timers", NullLogger<TimerThread>.Instance);

    public void Dispose() => _timers.Dispose();

    [Fact]
    public void A_one_shot_timer_fires_once_on_the_timer_thread_and_not_before_it_is_due()
    {
        var fired = new ConcurrentQueue<(string? Thread, long At)>();
        var start = Stopwatch.GetTimestamp();
        using var timer = _timers.CreateTimer(_ => fired.Enqueue((Thread.CurrentThread.Name, Stopwatch.GetTimestamp())), null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);

        Assert.True(SpinWait.SpinUntil(() => !fired.IsEmpty, Patience));
        Thread.Sleep(200);
        var (thread, at) = Assert.Single(fired);
        Assert.Equal("SIP timers", thread);
        Assert.True(Stopwatch.GetElapsedTime(start, at) >= TimeSpan.FromMilliseconds(50), $"fired after {Stopwatch.GetElapsedTime(start, at).TotalMilliseconds} ms");
    }

    [Fact]
    public void Timers_fire_in_the_order_they_come_due_not_the_order_they_were_made()
    {
        var order = new ConcurrentQueue<int>();
        using var third = _timers.CreateTimer(_ => order.Enqueue(3), null, TimeSpan.FromMilliseconds(90), Timeout.InfiniteTimeSpan);
        using var first = _timers.CreateTimer(_ => order.Enqueue(1), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        using var second = _timers.CreateTimer(_ => order.Enqueue(2), null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);

        Assert.True(SpinWait.SpinUntil(() => order.Count == 3, Patience));
        Assert.Equal([1, 2, 3], order.ToArray());
    }

    [Fact]
    public void A_timer_due_before_the_one_the_thread_sleeps_for_wakes_it()
    {
        var fired = 0;
        using var late = _timers.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        Thread.Sleep(50); // the thread is now asleep until the ten-minute timer
        var start = Stopwatch.GetTimestamp();
        using var soon = _timers.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref fired) == 1, Patience));
        Assert.True(Stopwatch.GetElapsedTime(start) < TimeSpan.FromSeconds(2), "the sleeping thread was not woken for the earlier timer");
    }

    [Fact]
    public void A_disposed_timer_never_fires_and_lets_go_of_its_state_at_once()
    {
        var fired = 0;
        var (timer, state) = MakeTimerWithState(() => Interlocked.Increment(ref fired));
        timer.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Its entry left the wheel with the Dispose, and nothing holds the state.
        Assert.Equal(0, _timers.PendingEntries);
        Assert.False(state.TryGetTarget(out _), "the disposed timer's entry still holds its state");
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        Thread.Sleep(100);
        Assert.Equal(0, Volatile.Read(ref fired));
    }

    [Fact]
    public void Changing_a_timer_moves_it_and_the_old_due_time_does_not_fire()
    {
        var fired = new ConcurrentQueue<long>();
        var start = Stopwatch.GetTimestamp();
        using var timer = _timers.CreateTimer(_ => fired.Enqueue(Stopwatch.GetTimestamp()), null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);
        Assert.True(timer.Change(TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan));

        Assert.True(SpinWait.SpinUntil(() => !fired.IsEmpty, Patience));
        Thread.Sleep(100);
        var at = Assert.Single(fired);
        Assert.True(Stopwatch.GetElapsedTime(start, at) >= TimeSpan.FromMilliseconds(300), $"fired after {Stopwatch.GetElapsedTime(start, at).TotalMilliseconds} ms");

        // Infinite due time: stopped.
        timer.Change(TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Thread.Sleep(150);
        Assert.Single(fired);
    }

    [Fact]
    public void A_periodic_timer_fires_every_period_until_it_is_stopped()
    {
        var count = 0;
        using var timer = _timers.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20));

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref count) >= 5, Patience));
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Thread.Sleep(50);
        var stopped = Volatile.Read(ref count);
        Thread.Sleep(150);
        Assert.Equal(stopped, Volatile.Read(ref count));
    }

    [Fact]
    public void A_callback_that_throws_does_not_stop_the_timers_after_it()
    {
        var fired = 0;
        using var failing = _timers.CreateTimer(_ => throw new InvalidOperationException("boom"), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        using var next = _timers.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(40), Timeout.InfiniteTimeSpan);

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref fired) == 1, Patience));
    }

    [Fact]
    public void Work_deferred_by_a_callback_runs_on_the_timer_thread_after_the_callback_returned()
    {
        var steps = new ConcurrentQueue<string>();
        var work = new RecordingWork(steps);
        using var timer = _timers.CreateTimer(
            _ =>
            {
                Assert.True(SipThreadWork.TryDefer(work));
                steps.Enqueue("callback done");
            },
            null,
            TimeSpan.FromMilliseconds(10),
            Timeout.InfiniteTimeSpan);

        Assert.True(SpinWait.SpinUntil(() => steps.Count == 2, Patience));
        Assert.Equal(["callback done", "work on SIP timers"], steps.ToArray());

        // Outside a timer step nothing is deferred.
        Assert.False(SipThreadWork.TryDefer(work));
    }

    [Fact]
    public void Many_timers_due_together_all_fire_once()
    {
        var fired = 0;
        var timers = Enumerable.Range(0, 5000)
            .Select(i => _timers.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromMilliseconds(20 + (i % 7)), Timeout.InfiniteTimeSpan))
            .ToList();

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref fired) == 5000, Patience), $"{fired} of 5000 fired");
        Thread.Sleep(100);
        Assert.Equal(5000, Volatile.Read(ref fired));
        Assert.Equal(0, _timers.PendingEntries);
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Changing_or_disposing_a_timer_removes_its_pending_entry_at_once()
    {
        var timers = Enumerable.Range(0, 100).Select(_ => _timers.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan)).ToList();
        Assert.Equal(100, _timers.PendingEntries);

        timers[..50].ForEach(t => t.Dispose());
        timers[50..75].ForEach(t => t.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timers[75..].ForEach(t => t.Change(TimeSpan.FromMinutes(20), Timeout.InfiniteTimeSpan));
        Assert.Equal(25, _timers.PendingEntries);

        // Re-arming a timer again and again leaves one entry, as TransactionTimer does at every Start.
        for (var i = 0; i < 10; i++)
        {
            timers[50..75].ForEach(t => t.Change(TimeSpan.FromMinutes(5 + i), Timeout.InfiniteTimeSpan));
        }

        Assert.Equal(50, _timers.PendingEntries);
        timers.ForEach(t => t.Dispose());
        Assert.Equal(0, _timers.PendingEntries);
    }

    [Fact]
    public void Timers_due_at_the_same_time_fire_once_each_and_those_disposed_not_at_all()
    {
        var counts = new int[4000];
        var timers = Enumerable.Range(0, counts.Length)
            .Select(i => _timers.CreateTimer(s => Interlocked.Increment(ref counts[(int)s!]), i, TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan))
            .ToList();
        for (var i = 1; i < timers.Count; i += 2)
        {
            timers[i].Dispose();
        }

        Assert.True(SpinWait.SpinUntil(() => counts.Sum() >= counts.Length / 2, Patience), $"{counts.Sum()} of {counts.Length / 2} fired");
        Thread.Sleep(100);
        for (var i = 0; i < counts.Length; i++)
        {
            Assert.True(counts[i] == (i % 2 == 0 ? 1 : 0), $"timer {i} fired {counts[i]} times");
        }

        Assert.Equal(0, _timers.PendingEntries);
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void Timers_fire_in_due_order_across_the_levels_of_the_wheel()
    {
        // 10 to 605 ms, 5 ms apart, made in a shuffled order: the later ones start beyond the wheel's first
        // level (256 ms) and cascade down to it.
        var order = new ConcurrentQueue<int>();
        var timers = Enumerable.Range(0, 120)
            .OrderBy(i => i * 37 % 120)
            .Select(i => _timers.CreateTimer(s => order.Enqueue((int)s!), i, TimeSpan.FromMilliseconds(10 + (i * 5)), Timeout.InfiniteTimeSpan))
            .ToList();

        Assert.True(SpinWait.SpinUntil(() => order.Count == 120, Patience), $"{order.Count} of 120 fired");
        Assert.Equal(Enumerable.Range(0, 120), order.ToArray());
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public void A_callback_can_re_arm_its_own_timer()
    {
        var fired = 0;
        var self = new StrongBox<ITimer>();
        using var timer = _timers.CreateTimer(
            s =>
            {
                if (Interlocked.Increment(ref fired) < 5)
                {
                    ((StrongBox<ITimer>)s!).Value!.Change(TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
                }
            },
            self,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        self.Value = timer;
        timer.Change(TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref fired) == 5, Patience), $"fired {fired} times");
        Thread.Sleep(50);
        Assert.Equal(5, Volatile.Read(ref fired));
        Assert.Equal(0, _timers.PendingEntries);
    }

    [Fact]
    public void A_timer_changed_by_an_earlier_callback_of_its_batch_does_not_fire_with_that_batch()
    {
        var fired = new ConcurrentQueue<(string Name, TimeSpan At)>();
        var start = Stopwatch.GetTimestamp();
        using var later = _timers.CreateTimer(_ => fired.Enqueue(("later", Stopwatch.GetElapsedTime(start))), null, TimeSpan.FromMilliseconds(60), Timeout.InfiniteTimeSpan);
        using var earlier = _timers.CreateTimer(
            _ =>
            {
                fired.Enqueue(("earlier", Stopwatch.GetElapsedTime(start)));
                later.Change(TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
            },
            null,
            TimeSpan.FromMilliseconds(40),
            Timeout.InfiniteTimeSpan);

        // Holds the thread up past both due times, so that one wake-up takes the two of them together.
        using var blocker = _timers.CreateTimer(_ => Thread.Sleep(80), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);

        Assert.True(SpinWait.SpinUntil(() => fired.Count >= 2, Patience));
        Thread.Sleep(50);
        var (names, ats) = (fired.Select(f => f.Name).ToArray(), fired.Select(f => f.At).ToArray());
        Assert.Equal(["earlier", "later"], names);
        Assert.True(ats[1] >= TimeSpan.FromMilliseconds(190), $"the changed timer fired at {ats[1].TotalMilliseconds} ms, with the batch it was taken in");
    }

    [Fact]
    public void A_periodic_timer_keeps_its_period_over_fifty_periods_without_drifting()
    {
        // A hold-up of the thread longer than a period (a busy machine) makes the timer skip the period it missed,
        // and a clock that slipped a whole period cannot be told from one that skipped one: a run with a gap
        // of more than a period and a half is measured again. A drifting clock's gaps are a period and a little.
        var period = TimeSpan.FromMilliseconds(20);
        long start = 0;
        long[] at = [];
        TimeSpan[] gaps = [];
        for (var attempt = 0; attempt < 5 && (attempt == 0 || gaps.Any(g => g > period * 1.5)); attempt++)
        {
            (start, at) = MeasurePeriods(period, 50);
            gaps = at.Select((t, k) => Stopwatch.GetElapsedTime(k == 0 ? start : at[k - 1], t)).ToArray();
        }

        var trace = string.Join(" ", gaps.Select(g => g.TotalMilliseconds.ToString("F1")));
        Assert.False(gaps.Any(g => g > period * 1.5), $"the thread was held up in every attempt; gaps of the last {trace}");
        var lateness = at.Select((t, k) => Stopwatch.GetElapsedTime(start, t) - (period * (k + 1))).ToArray();
        Assert.All(lateness, late => Assert.True(late >= TimeSpan.Zero, $"fired {-late.TotalMilliseconds:F2} ms early; gaps {trace}"));

        // One firing may still be late (so the best of ten is compared); a clock that counts each period from when
        // the last one ran slips further every period. Late by under the wheel's 1 ms tick plus the under 1 ms by
        // which the thread's millisecond sleep overshoots, with a little to spare; and no later at the end than
        // at the start, within one tick (plus half a tick for the scheduler).
        var first = lateness.Take(10).Min();
        var last = lateness.TakeLast(10).Min();
        Assert.True(last < TimeSpan.FromMilliseconds(4), $"the last ten periods were each at least {last.TotalMilliseconds:F2} ms late; gaps {trace}");
        Assert.True(last - first < TimeSpan.FromMilliseconds(1.5), $"drifted from {first.TotalMilliseconds:F2} to {last.TotalMilliseconds:F2} ms late over {at.Length} periods; gaps {trace}");
    }

    [Fact]
    public void A_periodic_timer_held_up_skips_the_periods_it_missed_instead_of_firing_them_in_a_burst()
    {
        var at = new ConcurrentQueue<long>();
        long holdEnded = 0;
        using var periodic = _timers.CreateTimer(_ => at.Enqueue(Stopwatch.GetTimestamp()), null, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10));
        using var blocker = _timers.CreateTimer(
            _ =>
            {
                Thread.Sleep(105);
                Volatile.Write(ref holdEnded, Stopwatch.GetTimestamp());
            },
            null,
            TimeSpan.FromMilliseconds(45),
            Timeout.InfiniteTimeSpan);

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref holdEnded) != 0 && at.Count(t => t > holdEnded) >= 5, Patience));
        periodic.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var end = Volatile.Read(ref holdEnded);
        var oneMissedPeriodLater = end + (Stopwatch.Frequency / 100);
        var inTheFirstPeriod = at.Count(t => t >= end && t < oneMissedPeriodLater);

        // About ten periods were missed: one firing for them all, and perhaps the next period's own.
        Assert.InRange(inTheFirstPeriod, 1, 2);
    }

    [Fact]
    public void A_far_timer_does_not_fire_early_and_can_be_cancelled()
    {
        var fired = 0;
        using var hour = _timers.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        using var decades = _timers.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromDays(365 * 40), Timeout.InfiniteTimeSpan);

        // A 2 ms timer keeps the thread waking meanwhile, past the wrap of the wheel's first level (256 ms).
        var ticks = 0;
        using var busy = _timers.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(2));
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref ticks) >= 150, Patience));
        busy.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        Assert.Equal(0, Volatile.Read(ref fired));
        Assert.Equal(2, _timers.PendingEntries);
        hour.Dispose();
        Assert.True(decades.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        Assert.Equal(0, _timers.PendingEntries);
    }

    /// <summary>When a periodic timer made at the returned start fired, its first <paramref name="count"/> periods.</summary>
    private (long Start, long[] At) MeasurePeriods(TimeSpan period, int count)
    {
        var at = new long[count];
        var fired = 0;
        var start = Stopwatch.GetTimestamp();
        using var timer = _timers.CreateTimer(
            _ =>
            {
                var n = Volatile.Read(ref fired);
                if (n < at.Length)
                {
                    at[n] = Stopwatch.GetTimestamp();
                }

                Volatile.Write(ref fired, n + 1);
            },
            null,
            period,
            period);

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref fired) >= count, Patience), $"{fired} of {count} periods");
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return (start, at);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private (ITimer Timer, WeakReference<object> State) MakeTimerWithState(Action onFire)
    {
        var state = new object();
        var timer = _timers.CreateTimer(_ => onFire(), state, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        return (timer, new WeakReference<object>(state));
    }

    private sealed class RecordingWork(ConcurrentQueue<string> steps) : IThreadPoolWorkItem
    {
        public void Execute() => steps.Enqueue("work on " + Thread.CurrentThread.Name);
    }
}
