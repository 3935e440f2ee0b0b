using EdgePbx.Routing.Evaluation;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Evaluation;

/// <summary>The evaluator's local time agrees with the zone's own conversion, shortcut or not.</summary>
public sealed class LocalTimeTests
{
    [Theory]
    [InlineData("Asia/Shanghai")]
    [InlineData("Europe/Berlin")]        // daylight saving: never takes the fixed-offset shortcut
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]         // a half-hour offset
    public void Local_time_matches_the_time_zone_conversion_across_decades(string zoneId)
    {
        var evaluator = new RouteEvaluator(TestPlans.Parse(TestPlans.Base) with { TimeZone = zoneId });
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        for (var t = new DateTimeOffset(1985, 1, 1, 0, 0, 0, TimeSpan.Zero); t.Year < 2060; t = t.AddHours(977))
        {
            Assert.Equal(TimeZoneInfo.ConvertTime(t, zone).DateTime, evaluator.LocalTime(t));
            Assert.Equal(TimeZoneInfo.ConvertTime(t, zone).DateTime, evaluator.LocalTime(t.ToOffset(TimeSpan.FromHours(-5))));
        }
    }

    [Fact]
    public void Shanghai_local_time_is_utc_plus_8()
    {
        var evaluator = new RouteEvaluator(TestPlans.Parse(TestPlans.Base));

        var local = evaluator.LocalTime(new DateTimeOffset(2026, 11, 29, 17, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTime(2026, 11, 30, 1, 30, 0), local);
        Assert.Equal(DateTimeKind.Unspecified, local.Kind); // a wall-clock time, not UTC
    }
}
