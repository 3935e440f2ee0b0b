using System.Globalization;
using EdgePbx.Routing.Model;

namespace EdgePbx.Web.Pages;

/// <summary>The installer thinks in the box's local time (the plan's time zone); the database in UTC.</summary>
public static class BoxTime
{
    public static TimeZoneInfo Zone(RoutingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return TimeZoneInfo.TryFindSystemTimeZoneById(plan.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    public static DateTimeOffset Local(DateTimeOffset utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(utc, zone);

    /// <summary>Midnight at the start of the local day of <paramref name="now"/>, as an instant.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = Local(now, zone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    /// <summary>Parses "yyyy-MM-dd" (start of that local day) or "yyyy-MM-ddTHH:mm" local; false when it is neither.</summary>
    public static bool TryParse(string? text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(zone);
        instant = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return true;
    }

    public static string Day(DateTimeOffset instant, TimeZoneInfo zone) => Local(instant, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Minute(DateTimeOffset instant, TimeZoneInfo zone) => Local(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Input(DateTimeOffset instant, TimeZoneInfo zone) => Local(instant, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
