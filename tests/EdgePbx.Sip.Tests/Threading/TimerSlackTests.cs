using System.Diagnostics;
using EdgePbx.Sip.Threading;

namespace EdgePbx.Sip.Tests.Threading;

/// <summary>
/// Where the timer thread puts a timer (<see cref="TimerThread.TickFor"/>): never before it is due, late by at most a
/// sixteenth of its delay, and on a boundary coarse enough that timers set for about the same time share a wake-up.
/// </summary>
public sealed class TimerSlackTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    // Not on any boundary: 1,000,003 ms and a fraction.
    private static readonly long Now = (1_000_003 * Ms) + (Ms / 3);

    private static long TickOf(long stopwatchTicks) => (stopwatchTicks + Ms - 1) / Ms;

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(31)]
    public void A_short_timer_keeps_its_own_tick(int delayMs)
    {
        var due = Now + (delayMs * Ms);
        Assert.Equal(TickOf(due), TimerThread.TickFor(due, Now));
    }

    [Theory]
    [InlineData(500, 16)] // T1, the first retransmission
    [InlineData(1000, 32)]
    [InlineData(2000, 64)]
    [InlineData(4000, 128)] // T2
    [InlineData(5000, 256)] // T4: timers K and I
    [InlineData(32000, 256)] // 64*T1: timers B, F, H, J, L, M
    [InlineData(3_600_000, 256)] // an hour: no coarser than the wheel's first level
    public void A_longer_timer_goes_to_the_next_boundary_of_its_slack(int delayMs, int gridMs)
    {
        var due = Now + (delayMs * Ms);
        var tick = TimerThread.TickFor(due, Now);

        Assert.Equal(0, tick % gridMs);
        Assert.InRange(tick, TickOf(due), TickOf(due) + gridMs - 1);
    }

    [Fact]
    public void No_timer_is_early_or_later_than_a_sixteenth_of_its_delay()
    {
        for (long delay = 0; delay < 40_000 * Ms; delay += (delay / 7) + 1_234)
        {
            var due = Now + delay;
            var tick = TimerThread.TickFor(due, Now);
            Assert.True(tick * Ms >= due, $"a {delay} tick delay fires early");
            var late = (tick * Ms) - due;
            Assert.True(late < Math.Max(Ms, delay / 16) + Ms, $"a {delay} tick delay fires {late} ticks late");
        }
    }

    [Fact]
    public void A_later_due_time_never_gets_an_earlier_tick()
    {
        var previous = long.MinValue;
        for (long delay = 0; delay < 40_000 * Ms; delay += Ms / 2)
        {
            var tick = TimerThread.TickFor(Now + delay, Now);
            Assert.True(tick >= previous, $"a delay of {delay} ticks went before a shorter one");
            previous = tick;
        }
    }

    [Fact]
    public void Transaction_timers_set_over_a_quarter_second_share_one_or_two_wake_ups()
    {
        // 100 calls/s for 250 ms: 25 of them ending their transactions, each with a 32 s timer.
        var ticks = Enumerable.Range(0, 25)
            .Select(i => Now + (i * 10 * Ms))
            .Select(setAt => TimerThread.TickFor(setAt + (32_000 * Ms), setAt))
            .Distinct()
            .Count();

        Assert.InRange(ticks, 1, 2);
    }
}
