using EdgePbx.Routing.Cli;
using EdgePbx.Routing.Tests.Support;

namespace EdgePbx.Routing.Tests.Examples;

public sealed class ExamplePlanTests
{
    public static TheoryData<string> PlanFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(TestPlans.RepoRoot(), "examples", "plans"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PlanFiles))]
    public void Every_example_plan_passes_plan_check(string file)
    {
        var result = PlanCheck.Run(File.ReadAllBytes(Path.Combine(TestPlans.RepoRoot(), "examples", "plans", file)));

        Assert.True(result.Ok, result.Render());
    }

    [Fact]
    public void Example_folder_holds_the_demo_plan_and_others()
    {
        var files = Directory.GetFiles(Path.Combine(TestPlans.RepoRoot(), "examples", "plans"), "*.json").Select(Path.GetFileName).ToList();

        Assert.Contains("demo.json", files);
        Assert.True(files.Count >= 3);
    }

    [Fact]
    public void Demo_plan_has_extensions_101_to_104_a_group_an_ivr_business_hours_and_welcome_audio()
    {
        var plan = TestPlans.Example("demo.json");

        Assert.Equal(["101", "102", "103", "104"], plan.Extensions.Keys.Order(StringComparer.Ordinal));
        Assert.NotEmpty(plan.Groups);
        Assert.NotEmpty(plan.Menus);
        Assert.Contains("business", plan.Schedules.Keys);
        Assert.All(plan.Numbers.Values, n => Assert.NotNull(n.Welcome));
    }

    [Fact]
    public void Demo_plan_has_no_warnings_either()
    {
        var result = PlanCheck.Run(File.ReadAllBytes(Path.Combine(TestPlans.RepoRoot(), "examples", "plans", "demo.json")));

        Assert.Empty(result.Issues);
    }
}
