using EdgePbx.Routing.Evaluation;
using FsCheck.Fluent;

namespace EdgePbx.Routing.Tests.Properties;

/// <summary>The generated calls must exercise what the properties claim, or the properties prove little.</summary>
public sealed class CallCaseCoverageTests
{
    [Fact]
    public void Generated_calls_hit_refusals_limits_menus_and_groups_of_every_plan()
    {
        var calls = CallCases.Calls().Generator.Sample(3000, 50);
        var outcomes = new Dictionary<string, int>();
        foreach (var call in calls)
        {
            var d = call.Evaluator.Evaluate(call.Facts, call.Counters, call.At, trace: false);
            var kind = d.Steps[^1] switch
            {
                RejectStep { SipCode: 603 } => "603",
                RejectStep { SipCode: 486 or 503 } => "limit",
                RejectStep { SipCode: 404 } => "404",
                MenuStep => "menu",
                HuntStep h when h.Source.StartsWith("group:", StringComparison.Ordinal) => "group",
                HuntStep => "extension",
                _ => "other",
            };
            outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
            outcomes[call.PlanName] = outcomes.GetValueOrDefault(call.PlanName) + 1;
        }

        foreach (var kind in new[] { "603", "limit", "404", "menu", "group", "extension" })
        {
            Assert.True(outcomes.GetValueOrDefault(kind) >= 60, $"{kind}: {outcomes.GetValueOrDefault(kind)} of 3000 ({string.Join(", ", outcomes)})");
        }

        Assert.All(CallCases.Plans.Keys, p => Assert.True(outcomes.GetValueOrDefault(p) >= 100, p));
    }
}
