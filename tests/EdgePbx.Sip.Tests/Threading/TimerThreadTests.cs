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

        // Its heap entry may still be there (a stale entry is dropped once it is due or at the top of the heap
        // when the thread wakes), but it no longer holds the state.
        Assert.InRange(_timers.PendingEntries, 0, 1);
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
