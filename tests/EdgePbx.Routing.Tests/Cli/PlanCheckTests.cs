using System.Text;
using EdgePbx.Routing.Cli;

namespace EdgePbx.Routing.Tests.Cli;

public sealed class PlanCheckTests
{
    [Fact]
    public void Bad_plan_exits_1_and_lists_every_error_with_its_path()
    {
        var result = PlanCheck.Run(Encoding.UTF8.GetBytes("""
        { "version": 1,
          "numbers": { "400": { "default": "menu:main" } },
          "menus": { "main": { "prompt": "m.wav", "options": { "9": "group:sales2" }, "timeoutSeconds": 0 } } }
        """));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: $.menus.main.options.9: unknown target \"group:sales2\"\n" +
            "error: $.menus.main.timeoutSeconds: must be at least 1\n" +
            "plan REJECTED (2 error(s), 0 warning(s))\n",
            result.Render());
    }

    [Fact]
    public void Unparsable_json_exits_1_with_a_line_number()
    {
        var result = PlanCheck.Run(Encoding.UTF8.GetBytes("{ \"version\": 1,\n \"numbers\": { \"400\": { \"default\": } } }"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(line 2,", result.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Good_plan_with_warnings_exits_0()
    {
        var result = PlanCheck.Run(Encoding.UTF8.GetBytes("""
        { "version": 1, "numbers": { "400": { "default": "hangup" } },
          "menus": { "lost": { "prompt": "m.wav" } } }
        """));

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("plan OK (0 error(s), 1 warning(s))\n", result.Render(), StringComparison.Ordinal);
    }
}
