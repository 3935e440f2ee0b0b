using System.Text;
using EdgePbx.Routing.Cli;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Cli;

public sealed class PlanExplainTests
{
    private static byte[] Example(string name) => File.ReadAllBytes(Path.Combine(TestPlans.RepoRoot(), "examples", "plans", name));

    [Fact]
    public void Explains_the_issue_example_a_blocked_region_at_night()
    {
        var result = PlanExplain.Run(Example("hotline-400.json"), "09912345678", "4008001234", "2026-11-29T23:00+08:00");

        Assert.Equal(0, result.ExitCode);
        var text = result.Render();
        Assert.StartsWith("decision: REFUSED\n  1. refuse with SIP 603: caller region Xinjiang/Urumqi is blocked\n", text, StringComparison.Ordinal);
        Assert.Contains("  - call from 09912345678 to 4008001234 at 2026-11-29 23:00 Sun Asia/Shanghai\n", text, StringComparison.Ordinal);
        Assert.Contains("  - caller region: Xinjiang/Urumqi via area code 0991\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explains_each_rule_and_why_it_matched_or_not()
    {
        var result = PlanExplain.Run(Example("hotline-400.json"), "075512345678", "4008001234", "2026-11-25T10:00+08:00");

        var text = result.Render();
        Assert.True(result.Ok, text);
        Assert.Contains("  - rule 1 \"closed\": no (schedule service open: weekly mon,tue,wed,thu,fri 08:30-21:00)\n", text, StringComparison.Ordinal);
        Assert.Contains("  - rule 2 \"south\": yes: group:south\n", text, StringComparison.Ordinal);
        Assert.Contains("  1. play welcome audio prompts/brand.wav (before answering)\n", text, StringComparison.Ordinal);
        Assert.Contains("  2. ring group:south (custom delays, together, 1 time(s), caller hears audio prompts/music.wav)\n", text, StringComparison.Ordinal);
        Assert.Contains("ring ext:104 after 10 s for 20 s\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_without_an_offset_is_the_plans_local_time()
    {
        var local = PlanExplain.Run(Example("demo.json"), "01012345678", "4006123456", "2026-11-25T20:00");
        var utc = PlanExplain.Run(Example("demo.json"), "01012345678", "4006123456", "2026-11-25T12:00Z");

        Assert.Contains("at 2026-11-25 20:00 Wed Asia/Shanghai", local.Render(), StringComparison.Ordinal);
        Assert.Equal(local.Render(), utc.Render());
        Assert.IsType<Routing.Evaluation.VoicemailStep>(local.Decision!.Steps[^1]);
    }

    [Fact]
    public void Menu_inputs_follow_the_call_through_the_menus()
    {
        var result = PlanExplain.Run(Example("demo.json"), "01012345678", "4006123456", "2026-11-25T10:00", menuInputs: ["7", "1"]);

        var text = result.Render();
        Assert.Equal(2, result.MenuDecisions.Count);
        Assert.Contains("menu main: invalid input 7, retry 1 of 2: play the menu again", text, StringComparison.Ordinal);
        Assert.Contains("ring group:sales (round robin", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_plan_exits_1_with_the_check_report()
    {
        var result = PlanExplain.Run(Encoding.UTF8.GetBytes("""{ "version": 1, "numbers": { "400": { "default": "menu:nope" } } }"""), "1", "400", "2026-11-25T10:00");

        Assert.Equal(1, result.ExitCode);
        Assert.False(result.Ok);
        Assert.Contains("error: $.numbers.400.default: unknown target \"menu:nope\"", result.Render(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2026-13-01T10:00")]
    [InlineData("")]
    public void Unreadable_time_exits_2_and_says_what_is_expected(string at)
    {
        var result = PlanExplain.Run(Example("demo.json"), "01012345678", "4006123456", at);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not an ISO 8601 time", result.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Night_switch_can_be_explained()
    {
        var result = PlanExplain.Run(Example("hotline-400.json"), "01012345678", "4008001234", "2026-11-25T10:00+08:00", night: true);

        Assert.Contains("night switch on: voicemail:101", result.Render(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-29T23:00+08:00", "2026-11-29T15:00:00Z")]
    [InlineData("2026-11-29T23:00:30+08:00", "2026-11-29T15:00:30Z")]
    [InlineData("2026-11-29T15:00Z", "2026-11-29T15:00:00Z")]
    [InlineData("2026-11-29T23:00", "2026-11-29T15:00:00Z")]       // plan time: Shanghai
    [InlineData(" 2026-11-29 23:00 ", "2026-11-29T15:00:00Z")]
    public void At_accepts_iso_times_with_or_without_an_offset(string at, string utc)
    {
        Assert.True(PlanExplain.TryParseAt(at, "Asia/Shanghai", out var instant));
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Fact]
    public void At_without_offset_in_a_daylight_saving_gap_is_refused()
    {
        Assert.False(PlanExplain.TryParseAt("2026-03-29T02:30", "Europe/Berlin", out _));
        Assert.True(PlanExplain.TryParseAt("2026-03-29T03:30", "Europe/Berlin", out var after));
        Assert.Equal(TimeSpan.FromHours(2), after.Offset);
    }
}
