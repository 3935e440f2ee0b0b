using EdgePbx.Routing.Validation;
using EdgePbx.Web.Plans;

namespace EdgePbx.Web.Tests.Plans;

public sealed class FieldIssuesTests
{
    private static readonly string[] GroupFields = ["id", "name", "members", "ringSeconds", "overflow"];

    [Theory]
    [InlineData("$.groups.sales.members[1].target", "members", "line 2: bad")]
    [InlineData("$.groups.sales.members", "members", "bad")]
    [InlineData("$.groups.sales.ringSeconds", "ringSeconds", "bad")]
    [InlineData("$.groups.sales", "id", "bad")]
    public void An_issue_lands_on_the_field_its_path_names(string path, string field, string shown)
    {
        var issues = FieldIssues.Map([PlanIssue.Error(path, "bad")], "$.groups.sales", GroupFields);
        Assert.Equal(shown, issues.For(field));
        Assert.Empty(issues.General);
    }

    [Fact]
    public void Menu_keys_are_named_and_the_longest_field_wins()
    {
        var menu = FieldIssues.Map([PlanIssue.Error("$.menus.main.options.7", "unknown target")], "$.menus.main", ["options", "onTimeout"]);
        Assert.Equal("7: unknown target", menu.For("options"));

        var limits = FieldIssues.Map([PlanIssue.Error("$.limits.perCaller.maxCalls", "must be at least 1")], "$", ["limits.perCaller.maxCalls", "limits.maxConcurrent"]);
        Assert.Equal("must be at least 1", limits.For("limits.perCaller.maxCalls"));
    }

    [Fact]
    public void Issues_elsewhere_in_the_plan_are_general_with_their_path_and_warnings_are_left_out()
    {
        var issues = FieldIssues.Map(
            [PlanIssue.Error("$.menus.main.options.1", "unknown target \"group:sales\""), PlanIssue.Warning("$.groups.sales.name", "odd"), PlanIssue.Error("$.groups.salesforce.members", "x")],
            "$.groups.sales",
            GroupFields);

        Assert.Equal(["$.menus.main.options.1: unknown target \"group:sales\"", "$.groups.salesforce.members: x"], issues.General);
        Assert.Null(issues.For("name"));
        Assert.Null(issues.For("members"));
    }
}
