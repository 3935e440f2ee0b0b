using EdgePbx.Daemon.Engine;
using EdgePbx.Routing.Model;

namespace EdgePbx.Daemon.Tests.Engine;

public sealed class PanelLinesTests
{
    [Fact]
    public void Extensions_fill_lines_in_number_order_and_the_rest_have_no_line()
    {
        var extensions = new[] { "1001", "102", "9", "101", "200" }.ToDictionary(e => e, _ => new Extension());
        var plan = new RoutingPlan(1, new Dictionary<string, NumberEntry>(), Extensions: extensions);

        var lines = PanelLines.Assign(plan, lineCount: 4);

        Assert.Equal(new Dictionary<string, int> { ["9"] = 1, ["101"] = 2, ["102"] = 3, ["200"] = 4 }, lines);
    }

    [Fact]
    public void No_plan_lights_no_line() => Assert.Empty(PanelLines.Assign(null, 8));
}
