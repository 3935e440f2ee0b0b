using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Schedules;

/// <summary>
/// A schedule with its times, days and dates parsed once, so "is it open now?" is a few integer
/// comparisons and allocates nothing. The reason text is only built when a trace asks for it.
/// Entries that do not parse are left out (validation reports them; an invalid plan is never used).
/// </summary>
internal sealed class CompiledSchedule
{
    private readonly Window[] _weekly;
    private readonly Override[] _overrides;

    public CompiledSchedule(Schedule schedule)
    {
        var weekly = new List<Window>(schedule.Weekly.Count);
        foreach (var w in schedule.Weekly)
        {
            if (LocalTime.TryParseMinutes(w.From, out var f) && LocalTime.TryParseMinutes(w.To, out var t))
            {
                var days = 0;
                foreach (var d in w.Days)
                {
                    if (LocalTime.TryParseDay(d, out var day))
                    {
                        days |= 1 << (int)day;
                    }
                }

                weekly.Add(new Window(w, days, f, t));
            }
        }

        var overrides = new List<Override>(schedule.Overrides.Count);
        foreach (var o in schedule.Overrides)
        {
            var until = default(DateOnly);
            if (!LocalTime.TryParseDate(o.Date, out var from) || (o.Until is not null && !LocalTime.TryParseDate(o.Until, out until)))
            {
                continue;
            }

            var windows = new List<(TimeRange Range, int From, int To)>(o.Windows.Count);
            foreach (var w in o.Windows)
            {
                if (LocalTime.TryParseMinutes(w.From, out var f) && LocalTime.TryParseMinutes(w.To, out var t))
                {
                    windows.Add((w, f, t));
                }
            }

            overrides.Add(new Override(o, from.DayNumber, (o.Until is null ? from : until).DayNumber, [.. windows]));
        }

        _weekly = [.. weekly];
        _overrides = [.. overrides];
    }

    public bool IsOpen(DateTime local) => Decide(local, out _, out _, out _);

    public ScheduleState StateAt(DateTime local)
    {
        var open = Decide(local, out var ov, out var window, out var fromYesterday);
        if (ov is not null)
        {
            var label = ov.Source.Name is null ? "" : $" ({ov.Source.Name})";
            return open
                ? new ScheduleState(true, $"override {ov.Source.Date}{label} open {ov.Windows[window].Range.From}-{ov.Windows[window].Range.To}")
                : new ScheduleState(false, $"override {ov.Source.Date}{label} " + (ov.Windows.Length == 0 && ov.Source.Windows.Count == 0 ? "closed all day" : "outside its windows"));
        }

        if (!open)
        {
            return new ScheduleState(false, "outside every weekly window");
        }

        var w = _weekly[window].Source;
        return new ScheduleState(true, $"weekly {string.Join(',', w.Days)} {w.From}-{w.To}{(fromYesterday ? " (from the day before)" : "")}");
    }

    private bool Decide(DateTime local, out Override? matchedOverride, out int window, out bool fromYesterday)
    {
        var day = DateOnly.FromDateTime(local).DayNumber;
        var minute = (local.Hour * 60) + local.Minute;
        fromYesterday = false;
        window = -1;

        // A date override replaces the whole date, including what would spill over from yesterday.
        matchedOverride = Find(day);
        if (matchedOverride is not null)
        {
            var windows = matchedOverride.Windows;
            for (var i = 0; i < windows.Length; i++)
            {
                if (minute >= windows[i].From && minute < windows[i].To)
                {
                    window = i;
                    return true;
                }
            }

            return false;
        }

        var todayBit = 1 << (int)local.DayOfWeek;
        var yesterdayBit = 1 << (((int)local.DayOfWeek + 6) % 7);
        var yesterdayOverridden = Find(day - 1) is not null;
        for (var i = 0; i < _weekly.Length; i++)
        {
            var w = _weekly[i];
            var overnight = w.To <= w.From;
            if ((w.Days & todayBit) != 0 && minute >= w.From && (overnight || minute < w.To))
            {
                window = i;
                return true;
            }

            if (overnight && !yesterdayOverridden && (w.Days & yesterdayBit) != 0 && minute < w.To)
            {
                window = i;
                fromYesterday = true;
                return true;
            }
        }

        return false;
    }

    private Override? Find(int dayNumber)
    {
        foreach (var o in _overrides)
        {
            if (dayNumber >= o.FirstDay && dayNumber <= o.LastDay)
            {
                return o;
            }
        }

        return null;
    }

    private sealed record Window(WeeklyWindow Source, int Days, int From, int To);

    private sealed record Override(DateOverride Source, int FirstDay, int LastDay, (TimeRange Range, int From, int To)[] Windows);
}
