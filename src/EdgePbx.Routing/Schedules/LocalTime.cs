using System.Globalization;

namespace EdgePbx.Routing.Schedules;

/// <summary>Parses the plan's "HH:mm" times and "yyyy-MM-dd" dates; both are checked by validation.</summary>
public static class LocalTime
{
    /// <summary>Minutes since midnight; "24:00" is allowed (1440) as an end of day.</summary>
    public static bool TryParseMinutes(string? text, out int minutes)
    {
        minutes = 0;
        if (text is not { Length: 5 } || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m))
        {
            return false;
        }

        if (m > 59 || h > 24 || (h == 24 && m != 0))
        {
            return false;
        }

        minutes = (h * 60) + m;
        return true;
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseDay(string? text, out DayOfWeek day)
    {
        DayOfWeek? d = text switch
        {
            "mon" => DayOfWeek.Monday,
            "tue" => DayOfWeek.Tuesday,
            "wed" => DayOfWeek.Wednesday,
            "thu" => DayOfWeek.Thursday,
            "fri" => DayOfWeek.Friday,
            "sat" => DayOfWeek.Saturday,
            "sun" => DayOfWeek.Sunday,
            _ => null,
        };
        day = d ?? default;
        return d is not null;
    }
}
