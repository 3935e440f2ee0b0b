using System.Globalization;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using EdgePbx.Routing.Model;
using EdgePbx.Web.Pages;

namespace EdgePbx.Web.Plans;

/// <summary>Hunt groups: members one per line ("ext:102 weight=50 delay=5 ring=20"), strategy, overflow.</summary>
public sealed class GroupSection : PlanSectionOf<HuntGroup>
{
    public static readonly IReadOnlyList<(HuntStrategy Strategy, string Name, string Label)> Strategies =
    [
        (HuntStrategy.Sequential, "sequential", "One after another"),
        (HuntStrategy.RoundRobin, "roundRobin", "Round robin"),
        (HuntStrategy.RingAll, "ringAll", "Ring all at once"),
        (HuntStrategy.Weighted, "weighted", "Weighted (percent)"),
        (HuntStrategy.LeastRecent, "leastRecent", "Least recently rung"),
        (HuntStrategy.FewestCalls, "fewestCalls", "Fewest calls today"),
        (HuntStrategy.Random, "random", "Random"),
        (HuntStrategy.Custom, "custom", "Custom delays"),
    ];

    public override string Kind => "groups";

    public override string Title => "Hunt groups";

    public override string Singular => "group";

    public override IReadOnlyList<string> Fields { get; } = ["id", "name", "strategy", "members", "ringSeconds", "skipBusy", "repeat", "maxWaiting", "overflow"];

    public override IReadOnlyList<string> Columns { get; } = ["Group", "Name", "Strategy", "Members", "Overflow"];

    protected override JsonTypeInfo<HuntGroup> TypeInfo => WebJsonContext.Default.HuntGroup;

    protected override IReadOnlyDictionary<string, HuntGroup> Items(RoutingPlan plan) => plan.Groups;

    protected override RoutingPlan WithItems(RoutingPlan plan, IReadOnlyDictionary<string, HuntGroup> items) => plan with { Groups = items };

    public override FormValues NewValues()
    {
        var values = new FormValues();
        ToValues(new HuntGroup([]), values);
        return values;
    }

    protected override void ToValues(HuntGroup item, FormValues values)
    {
        values["name"] = item.Name ?? string.Empty;
        values["strategy"] = Strategies.First(s => s.Strategy == item.Strategy).Name;
        values["members"] = string.Join("\n", item.Members.Select(Member));
        values["ringSeconds"] = FormValues.Number(item.RingSeconds);
        values.Check("skipBusy", item.SkipBusy);
        values["repeat"] = FormValues.Number(item.Repeat);
        values["maxWaiting"] = FormValues.Number(item.MaxWaiting);
        values["overflow"] = item.Overflow ?? string.Empty;
    }

    private static string Member(GroupMember m)
    {
        var text = new StringBuilder(m.Target);
        if (m.Weight != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" weight={m.Weight}");
        }

        if (m.DelaySeconds != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" delay={m.DelaySeconds}");
        }

        if (m.RingSeconds is { } ring)
        {
            text.Append(CultureInfo.InvariantCulture, $" ring={ring}");
        }

        return text.ToString();
    }

    protected override HuntGroup? FromValues(FormValues values, FieldIssues issues)
    {
        var strategy = Strategies.FirstOrDefault(s => s.Name == values["strategy"]);
        if (strategy.Name is null)
        {
            issues.Add("strategy", "choose a strategy");
        }

        var members = new List<GroupMember>();
        var lines = values.Lines("members");
        for (var i = 0; i < lines.Count; i++)
        {
            var parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int weight = 0, delay = 0;
            int? ring = null;
            foreach (var option in parts.Skip(1))
            {
                var eq = option.IndexOf('=', StringComparison.Ordinal);
                var ok = int.TryParse(eq > 0 ? option[(eq + 1)..] : string.Empty, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n);
                switch (eq > 0 && ok ? option[..eq] : null)
                {
                    case "weight": weight = n; break;
                    case "delay": delay = n; break;
                    case "ring": ring = n; break;
                    default: issues.Add("members", $"line {i + 1}: \"{option}\" is not weight=N, delay=N or ring=N"); break;
                }
            }

            members.Add(new GroupMember(parts[0], weight, delay, ring));
        }

        return new HuntGroup(
            members,
            values.Optional("name"),
            strategy.Name is null ? HuntStrategy.Sequential : strategy.Strategy,
            values.Whole("ringSeconds", issues, 20),
            values.Checked("skipBusy"),
            values.Whole("repeat", issues, 1),
            values.Whole("maxWaiting", issues, 0),
            values.Optional("overflow"));
    }

    public override string RenderFields(FormValues values, FieldIssues issues, bool isNew) =>
        Form.Text("id", "Group id", values, issues, "Used in targets as group:ID", extra: " required") +
        Form.Text("name", "Name", values, issues) +
        Form.Select("strategy", "Strategy", Strategies.Select(s => (s.Name, s.Label)), values, issues) +
        Form.Area("members", "Members", values, issues, "One per line: ext:101 or external:13800138000, optionally weight=N delay=N ring=N", 5) +
        Form.Text("ringSeconds", "Ring each member for (seconds)", values, issues, null, "number") +
        Form.Check("skipBusy", "Skip members that are on a call", values, issues) +
        Form.Text("repeat", "Times through the list", values, issues, null, "number") +
        Form.Text("maxWaiting", "Most callers waiting (0 = no limit)", values, issues, null, "number") +
        Form.Text("overflow", "When nobody answers, go to", values, issues, "A target such as voicemail:101, ext:101, menu:main, or empty to hang up");

    protected override IReadOnlyList<string> RowOf(string id, HuntGroup item) =>
    [
        id,
        item.Name ?? string.Empty,
        Strategies.First(s => s.Strategy == item.Strategy).Label,
        string.Join(", ", item.Members.Select(m => m.Target)),
        item.Overflow ?? "hang up",
    ];
}
