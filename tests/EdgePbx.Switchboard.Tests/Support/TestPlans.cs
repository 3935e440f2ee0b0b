using EdgePbx.Routing.Model;

namespace EdgePbx.Switchboard.Tests.Support;

/// <summary>Small plans built in code for one behaviour each.</summary>
public static class TestPlans
{
    public const string Main = "4006123456";

    public static RoutingPlan Plan(NumberEntry main, IReadOnlyDictionary<string, HuntGroup>? groups = null, EdgePbx.Routing.Model.Limits? limits = null, CallLists? lists = null) => new(
        1,
        new Dictionary<string, NumberEntry> { [Main] = main },
        Extensions: new Dictionary<string, Extension>
        {
            ["101"] = new(Name: "Reception", RingSeconds: 20),
            ["102"] = new(Name: "Sales 1", RingSeconds: 20),
            ["103"] = new(Name: "Sales 2", RingSeconds: 20),
        },
        Groups: groups,
        Limits: limits,
        Lists: lists,
        Tariff: new Tariff(PricePerMinuteFen: 12, IncrementSeconds: 6));

    public static IReadOnlyDictionary<string, HuntGroup> Group(HuntStrategy strategy, int ringSeconds, params string[] members) =>
        new Dictionary<string, HuntGroup>
        {
            ["sales"] = new(members.Select(m => new GroupMember("ext:" + m)).ToList(), "Sales", strategy, ringSeconds),
        };
}
