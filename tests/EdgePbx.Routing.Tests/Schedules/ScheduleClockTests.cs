using EdgePbx.Routing.Model;
using EdgePbx.Routing.Schedules;

namespace EdgePbx.Routing.Tests.Schedules;

public sealed class ScheduleClockTests
{
    private static readonly Schedule Office = new(Weekly: [new WeeklyWindow(["mon", "tue", "wed", "thu", "fri"], "09:00", "18:00")]);

    // Friday 22:00 to 06:00 and Sunday 20:00 to 02:00: both run across midnight, the second across the week end.
    private static readonly Schedule Nights = new(Weekly:
    [
        new WeeklyWindow(["fri"], "22:00", "06:00"),
        new WeeklyWindow(["sun"], "20:00", "02:00"),
    ]);

    private static bool Open(Schedule s, string local) =>
        ScheduleClock.StateAt(s, DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)).Open;

    [Theory]
    [InlineData("2026-11-25 08:59", false)] // Wednesday
    [InlineData("2026-11-25 09:00", true)]
    [InlineData("2026-11-25 17:59", true)]
    [InlineData("2026-11-25 18:00", false)] // the end minute is outside
    [InlineData("2026-11-28 10:00", false)] // Saturday
    public void Weekly_window_includes_its_start_and_excludes_its_end(string local, bool open)
    {
        Assert.Equal(open, Open(Office, local));
    }

    [Theory]
    [InlineData("2026-11-27 21:59", false)] // Friday before
    [InlineData("2026-11-27 22:00", true)]
    [InlineData("2026-11-27 23:59", true)]
    [InlineData("2026-11-28 00:00", true)]  // Saturday, spilled over from Friday
    [InlineData("2026-11-28 05:59", true)]
    [InlineData("2026-11-28 06:00", false)]
    [InlineData("2026-11-28 22:30", false)] // Saturday night is not a Friday
    public void Window_ending_before_it_starts_runs_across_midnight(string local, bool open)
    {
        Assert.Equal(open, Open(Nights, local));
    }

    [Theory]
    [InlineData("2026-11-29 20:00", true)]  // Sunday
    [InlineData("2026-11-30 00:00", true)]  // Monday: a new week, still Sunday's window
    [InlineData("2026-11-30 01:59", true)]
    [InlineData("2026-11-30 02:00", false)]
    [InlineData("2026-11-23 01:00", true)]  // the Monday of the week before too
    public void Sunday_night_window_runs_into_the_next_week(string local, bool open)
    {
        Assert.Equal(open, Open(Nights, local));
    }

    [Fact]
    public void Holiday_closes_a_weekday_inside_its_weekly_window()
    {
        var s = Office with { Overrides = [new DateOverride("2026-10-01", Until: "2026-10-07", Name: "National Day")] };

        Assert.False(Open(s, "2026-10-01 10:00")); // Thursday
        Assert.False(Open(s, "2026-10-07 10:00")); // Wednesday, last day
        Assert.True(Open(s, "2026-10-08 10:00"));  // back to work
    }

    [Fact]
    public void Make_up_working_day_opens_a_weekend_date_during_its_windows_only()
    {
        var s = Office with { Overrides = [new DateOverride("2026-10-10", Windows: [new TimeRange("09:00", "17:00")])] };

        Assert.True(Open(s, "2026-10-10 09:00"));   // Saturday
        Assert.False(Open(s, "2026-10-10 17:00"));
        Assert.False(Open(s, "2026-10-17 10:00"));  // the next Saturday keeps its weekly (closed) state
    }

    [Fact]
    public void Holiday_also_stops_yesterdays_overnight_window_spilling_into_it()
    {
        var s = Nights with { Overrides = [new DateOverride("2026-11-28", Name: "closed Saturday")] };

        Assert.True(Open(s, "2026-11-27 23:00"));
        Assert.False(Open(s, "2026-11-28 01:00"));
    }

    [Fact]
    public void Overnight_window_does_not_spill_from_an_overridden_day()
    {
        // Friday is a holiday, so Friday's night shift does not start and does not spill into Saturday.
        var s = Nights with { Overrides = [new DateOverride("2026-11-27")] };

        Assert.False(Open(s, "2026-11-27 23:00"));
        Assert.False(Open(s, "2026-11-28 01:00"));
    }

    [Fact]
    public void Whole_day_window_uses_24_00_as_its_end()
    {
        var s = new Schedule(Weekly: [new WeeklyWindow(["sat"], "00:00", "24:00")]);

        Assert.True(Open(s, "2026-11-28 00:00"));
        Assert.True(Open(s, "2026-11-28 23:59"));
        Assert.False(Open(s, "2026-11-29 00:00"));
    }

    [Fact]
    public void State_says_which_window_or_override_decided()
    {
        var s = Office with { Overrides = [new DateOverride("2026-10-01", Name: "National Day")] };

        var state = ScheduleClock.StateAt(s, new DateTime(2026, 10, 1, 10, 0, 0, DateTimeKind.Unspecified));

        Assert.Contains("National Day", state.Reason, StringComparison.Ordinal);
    }
}
