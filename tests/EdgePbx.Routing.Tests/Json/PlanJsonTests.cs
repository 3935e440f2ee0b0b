using System.Text;
using EdgePbx.Routing.Json;
using EdgePbx.Routing.Model;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Json;

public sealed class PlanJsonTests
{
    private static PlanReadResult Read(string json) => PlanJson.Read(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("demo.json")]
    [InlineData("hotline-400.json")]
    [InlineData("whitelist-only.json")]
    [InlineData("branch-office.json")]
    public void Written_plan_reads_back_to_the_same_json(string file)
    {
        var plan = TestPlans.Example(file);

        var first = PlanJson.Write(plan);
        var again = PlanJson.Read(first);
        Assert.NotNull(again.Plan);
        var second = PlanJson.Write(again.Plan!);

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
    }

    [Fact]
    public void Round_trip_keeps_values_of_every_section()
    {
        var plan = TestPlans.Example("hotline-400.json");

        var back = PlanJson.Read(PlanJson.Write(plan)).Plan!;

        Assert.Equal(HuntStrategy.Weighted, back.Groups["north"].Strategy);
        Assert.Equal(60, back.Groups["north"].Members[0].Weight);
        Assert.Equal(RingbackKind.Audio, back.Numbers["4008001234"].Ringback);
        Assert.Equal("2026-10-07", back.Schedules["service"].Overrides[0].Until);
        Assert.Equal(new FrequencyLimit(5, 60), back.Limits.PerCaller);
        Assert.Equal(plan.Tariff, back.Tariff);
        Assert.Equal(70, back.Numbers["4008001234"].Rules[4].Split[0].Percent);
    }

    [Fact]
    public void Enums_are_written_in_camel_case_as_hand_written_plans_spell_them()
    {
        var text = Encoding.UTF8.GetString(PlanJson.Write(TestPlans.Example("demo.json")));

        Assert.Contains("\"strategy\": \"roundRobin\"", text);
        Assert.Contains("\"ringback\": \"tone\"", text);
    }

    [Fact]
    public void Unknown_property_is_rejected_with_its_path()
    {
        var result = Read("""{ "version": 1, "numbers": { "400": { "default": "hangup", "ringSecond": 5 } } }""");

        Assert.Null(result.Plan);
        var error = Assert.Single(result.Errors);
        Assert.Equal("$.numbers.400.ringSecond", error.Path);
    }

    [Fact]
    public void Missing_required_property_is_rejected_with_the_object_path()
    {
        var result = Read("""{ "version": 1, "numbers": { "400": { "name": "x" } } }""");

        Assert.Null(result.Plan);
        Assert.Contains("default", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_value_type_is_rejected_with_its_path()
    {
        var result = Read("""{ "version": 1, "numbers": {}, "groups": { "g": { "members": [], "ringSeconds": "long" } } }""");

        Assert.Equal("$.groups.g.ringSeconds", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Unknown_strategy_name_is_rejected()
    {
        var result = Read("""{ "version": 1, "numbers": {}, "groups": { "g": { "members": [], "strategy": "roulette" } } }""");

        Assert.Equal("$.groups.g.strategy", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Null_where_a_value_is_required_is_rejected()
    {
        var result = Read("""{ "version": 1, "numbers": { "400": { "default": null } } }""");

        Assert.Null(result.Plan);
        Assert.StartsWith("$.numbers.400", Assert.Single(result.Errors).Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_reports_line_and_path_instead_of_throwing()
    {
        var result = Read("{ \"version\": 1,\n \"numbers\": { \"400\": { \"default\": \"hangup\" } \n");

        Assert.Null(result.Plan);
        Assert.Contains("line", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_allowed_in_hand_written_plans()
    {
        var result = Read("""
        {
          // hand written
          "version": 1,
          "numbers": { "400": { "default": "hangup", }, },
        }
        """);

        Assert.NotNull(result.Plan);
        Assert.Equal(RoutingPlan.DefaultTimeZone, result.Plan!.TimeZone);
    }

    [Theory]
    [InlineData("""{ "version": 1, "numbers": { "400": { "default": "hangup" } }, "extensions": { "101": { "name": "a" }, "101": { "name": "b" } } }""", "$.extensions")]
    [InlineData("""{ "version": 1, "numbers": { "400": { "default": "hangup", "default": "ext:101" } } }""", "$.numbers.400")]
    public void Key_written_twice_is_rejected_not_silently_dropped(string json, string pathStart)
    {
        var result = Read(json);

        Assert.Null(result.Plan);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(pathStart, error.Path, StringComparison.Ordinal);
        Assert.Contains("duplicate", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
