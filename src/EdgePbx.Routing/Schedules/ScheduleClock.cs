using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Schedules;

/// <summary>
/// Answers "is this schedule open at this local time?". Pure: the local wall-clock time is passed in
/// (already converted to the plan's time zone).
/// </summary>
public static class ScheduleClock
{
    public static ScheduleState StateAt(Schedule schedule, DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        var minute = (local.Hour * 60) + local.Minute;

        // A date override replaces the whole date, including what would spill over from yesterday.
        if (FindOverride(schedule, date) is { } today)
        {
            foreach (var w in today.Windows)
            {
                if (LocalTime.TryParseMinutes(w.From, out var f) && LocalTime.TryParseMinutes(w.To, out var t)
                    && minute >= f && minute < t)
                {
                    return new ScheduleState(true, $"override {today.Date}{Label(today.Name)} open {w.From}-{w.To}");
                }
            }

            return new ScheduleState(false, $"override {today.Date}{Label(today.Name)} "
                + (today.Windows.Count == 0 ? "closed all day" : "outside its windows"));
        }

        var yesterday = date.AddDays(-1);
        var yesterdayOverridden = FindOverride(schedule, yesterday) is not null;
        foreach (var w in schedule.Weekly)
        {
            if (!LocalTime.TryParseMinutes(w.From, out var f) || !LocalTime.TryParseMinutes(w.To, out var t))
            {
                continue;
            }

            var overnight = t <= f;
            if (HasDay(w, local.DayOfWeek) && minute >= f && (overnight || minute < t))
            {
                return new ScheduleState(true, $"weekly {string.Join(',', w.Days)} {w.From}-{w.To}");
            }

            if (overnight && !yesterdayOverridden && HasDay(w, yesterday.DayOfWeek) && minute < t)
            {
                return new ScheduleState(true, $"weekly {string.Join(',', w.Days)} {w.From}-{w.To} (from the day before)");
            }
        }

        return new ScheduleState(false, "outside every weekly window");
    }

    private static DateOverride? FindOverride(Schedule schedule, DateOnly date)
    {
        foreach (var o in schedule.Overrides)
        {
            if (!LocalTime.TryParseDate(o.Date, out var from))
            {
                continue;
            }

            var until = from;
            if (o.Until is not null && !LocalTime.TryParseDate(o.Until, out until))
            {
                continue;
            }

            if (date >= from && date <= until)
            {
                return o;
            }
        }

        return null;
    }

    private static bool HasDay(WeeklyWindow w, DayOfWeek day)
    {
        foreach (var d in w.Days)
        {
            if (LocalTime.TryParseDay(d, out var parsed) && parsed == day)
            {
                return true;
            }
        }

        return false;
    }

    private static string Label(string? name) => name is null ? "" : $" ({name})";
}
