using EdgePbx.Media.Rtp;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Media.Tests.Rtp;

public sealed class MediaClockTests
{
    [Fact]
    public void Every_subscriber_is_called_once_per_20_ms()
    {
        var time = new FakeTimeProvider();
        using var clock = new MediaClock(time);
        var a = 0;
        var b = 0;
        using var subA = clock.Subscribe(() => a++);
        var subB = clock.Subscribe(() => b++);

        time.Advance(TimeSpan.FromMilliseconds(100));
        subB.Dispose();
        time.Advance(TimeSpan.FromMilliseconds(40));

        Assert.Equal(7, a);
        Assert.Equal(5, b);
        Assert.Equal(7, clock.Ticks);
    }

    [Fact]
    public void Subscribers_come_and_go_in_any_order_past_the_first_slots_and_a_second_dispose_frees_nothing()
    {
        var time = new FakeTimeProvider();
        using var clock = new MediaClock(time);
        var counts = new int[200];
        var subscriptions = Enumerable.Range(0, 200).Select(i => clock.Subscribe(() => counts[i]++)).ToList();

        // Every other one leaves; the freed slots are taken by newcomers.
        for (var i = 0; i < 200; i += 2)
        {
            subscriptions[i].Dispose();
        }

        var newcomers = new int[50];
        var joined = Enumerable.Range(0, 50).Select(i => clock.Subscribe(() => newcomers[i]++)).ToList();

        // Disposing a departed subscription again must not remove the newcomer now in its slot.
        for (var i = 0; i < 200; i += 2)
        {
            subscriptions[i].Dispose();
        }

        time.Advance(TimeSpan.FromMilliseconds(20));

        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(i % 2 == 0 ? 0 : 1, counts[i]));
        Assert.All(newcomers, n => Assert.Equal(1, n));
        joined.ForEach(j => j.Dispose());
        subscriptions.ForEach(s => s.Dispose());
        time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(1, counts[1]);
        Assert.All(newcomers, n => Assert.Equal(1, n));
    }

    /// <summary>A TimeProvider whose one timer the test fires by hand, from whatever thread it likes.</summary>
    private sealed class HandFiredTime : TimeProvider
    {
        public TimerCallback? Callback { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Callback = callback;
            return new NoTimer();
        }

        public void Fire() => Callback!(null);

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task A_tick_that_fires_while_the_last_one_runs_is_skipped_not_run_alongside()
    {
        var time = new HandFiredTime();
        using var clock = new MediaClock(time);
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var running = 0;
        var maxRunning = 0;
        var calls = 0;
        using var slow = clock.Subscribe(() =>
        {
            Interlocked.Increment(ref calls);
            var now = Interlocked.Increment(ref running);
            maxRunning = Math.Max(maxRunning, now);
            inside.Set();
            release.Wait(TimeSpan.FromSeconds(10));
            Interlocked.Decrement(ref running);
        });

        // A pool timer fires the next period on another thread while a tick overruns: here, by hand.
        var first = Task.Run(time.Fire);
        Assert.True(inside.Wait(TimeSpan.FromSeconds(10)));
        time.Fire();
        release.Set();
        await first;
        time.Fire();

        Assert.Equal(1, maxRunning);
        Assert.Equal(2, calls);
        Assert.Equal(1, clock.Overruns);
        Assert.Equal(2, clock.Ticks);
    }
    [Fact]
    public void A_slow_lane_subscriber_is_called_every_tenth_frame_and_every_frame_again_once_moved_back()
    {
        var time = new FakeTimeProvider();
        using var clock = new MediaClock(time);
        var fast = 0;
        var slow = 0;
        using var fastSub = clock.Subscribe(() => fast++);
        using var slowSub = clock.Subscribe(() => slow++);
        slowSub.SetSlow(true);

        time.Advance(MediaClock.FrameInterval * (3 * MediaClock.SlowLaneFrames));
        Assert.Equal(3 * MediaClock.SlowLaneFrames, fast);
        Assert.Equal(3, slow);

        slowSub.SetSlow(false);
        time.Advance(MediaClock.FrameInterval * 5);
        Assert.Equal(8, slow);
    }

    [Fact]
    public void The_slow_lane_is_spread_over_the_frames_so_no_tick_carries_all_of_it()
    {
        var time = new FakeTimeProvider();
        using var clock = new MediaClock(time);
        var calledAt = new List<long>();
        var subscriptions = Enumerable.Range(0, 2 * MediaClock.SlowLaneFrames).Select(_ => clock.Subscribe(() => calledAt.Add(clock.Ticks))).ToList();
        subscriptions.ForEach(s => s.SetSlow(true));

        time.Advance(MediaClock.FrameInterval * MediaClock.SlowLaneFrames);

        // Twenty slow subscribers over ten frames: each called once, two per frame.
        Assert.Equal(2 * MediaClock.SlowLaneFrames, calledAt.Count);
        Assert.All(calledAt.GroupBy(t => t), g => Assert.Equal(2, g.Count()));
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public void A_disposed_subscription_cannot_move_the_subscriber_that_took_its_slot_to_the_slow_lane()
    {
        var time = new FakeTimeProvider();
        using var clock = new MediaClock(time);
        var departed = clock.Subscribe(() => { });
        departed.Dispose();
        var calls = 0;
        using var newcomer = clock.Subscribe(() => calls++);

        departed.SetSlow(true);
        time.Advance(MediaClock.FrameInterval * 4);

        Assert.Equal(4, calls);
    }
}
