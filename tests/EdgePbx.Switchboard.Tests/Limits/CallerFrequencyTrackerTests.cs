using EdgePbx.Switchboard.Limits;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Limits;

public sealed class CallerFrequencyTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public void Counts_only_calls_inside_the_window()
    {
        var tracker = new CallerFrequencyTracker(_time, TimeSpan.FromDays(1));
        tracker.Record("13800138000");
        _time.Advance(TimeSpan.FromMinutes(6));
        tracker.Record("13800138000");
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, tracker.CountWithin("13800138000", TimeSpan.FromMinutes(10)));
        Assert.Equal(2, tracker.CountWithin("13800138000", TimeSpan.FromMinutes(11) + TimeSpan.FromSeconds(1)));
        Assert.Equal(0, tracker.CountWithin("02087654321", TimeSpan.FromDays(1)));
    }

    [Fact]
    public void A_call_exactly_one_window_old_no_longer_counts()
    {
        var tracker = new CallerFrequencyTracker(_time, TimeSpan.FromHours(1));
        tracker.Record("1");
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, tracker.CountWithin("1", TimeSpan.FromMinutes(10) + TimeSpan.FromTicks(1)));
        Assert.Equal(0, tracker.CountWithin("1", TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Prune_forgets_callers_no_window_can_see()
    {
        var tracker = new CallerFrequencyTracker(_time, TimeSpan.FromHours(1));
        tracker.Record("a");
        tracker.Record("b");
        _time.Advance(TimeSpan.FromMinutes(30));
        tracker.Record("b");
        _time.Advance(TimeSpan.FromMinutes(31));
        tracker.Prune();
        Assert.Equal(1, tracker.TrackedCallers);
        Assert.Equal(1, tracker.CountWithin("b", TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Beyond_the_caller_cap_the_least_recent_caller_is_forgotten()
    {
        var tracker = new CallerFrequencyTracker(_time, TimeSpan.FromDays(1), maxCallers: 3);
        tracker.Record("a");
        tracker.Record("b");
        tracker.Record("c");
        tracker.Record("a"); // a is now the most recent; b the least
        tracker.Record("d");
        Assert.Equal(3, tracker.TrackedCallers);
        Assert.Equal(0, tracker.CountWithin("b", TimeSpan.FromDays(1)));
        Assert.Equal(2, tracker.CountWithin("a", TimeSpan.FromDays(1)));
    }
}
