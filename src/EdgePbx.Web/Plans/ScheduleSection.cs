using System.Text.Json.Serialization.Metadata;
using EdgePbx.Routing.Model;
using EdgePbx.Web.Pages;

namespace EdgePbx.Web.Plans;

/// <summary>
/// Schedules: weekly windows one per line ("mon-fri 09:00-18:00") and date overrides one per line
/// ("2026-10-01..2026-10-07 National Day" closes; "2026-09-28 09:00-18:00 make-up day" opens).
/// </summary>
public sealed class ScheduleSection : PlanSectionOf<Schedule>
{
    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public override string Kind => "schedules";

    public override string Title => "Schedules and holidays";

    public override string Singular => "schedule";

    public override IReadOnlyList<string> Fields { get; } = ["id", "name", "weekly", "overrides"];

    public override IReadOnlyList<string> Columns { get; } = ["Schedule", "Name", "Weekly", "Holidays and exceptions"];

    protected override JsonTypeInfo<Schedule> TypeInfo => WebJsonContext.Default.Schedule;

    protected override IReadOnlyDictionary<string, Schedule> Items(RoutingPlan plan) => plan.Schedules;

    protected override RoutingPlan WithItems(RoutingPlan plan, IReadOnlyDictionary<string, Schedule> items) => plan with { Schedules = items };

    public override FormValues NewValues()
    {
        var values = new FormValues();
        ToValues(new Schedule(), values);
        return values;
    }

    protected override void ToValues(Schedule item, FormValues values)
    {
        values["name"] = item.Name ?? string.Empty;
        values["weekly"] = string.Join("\n", item.Weekly.Select(w => $"{string.Join(",", w.Days)} {w.From}-{w.To}"));
        values["overrides"] = string.Join("\n", item.Overrides.Select(Override));
    }

    private static string Override(DateOverride o)
    {
        var text = o.Until is null ? o.Date : $"{o.Date}..{o.Until}";
        foreach (var w in o.Windows)
        {
            text += $" {w.From}-{w.To}";
        }

        return o.Name is null ? text : text + " " + o.Name;
    }

    protected override Schedule? FromValues(FormValues values, FieldIssues issues)
    {
        var weekly = new List<WeeklyWindow>();
        var lines = values.Lines("weekly");
        for (var i = 0; i < lines.Count; i++)
        {
            var parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var dash = parts.Length == 2 ? parts[1].IndexOf('-', StringComparison.Ordinal) : -1;
            if (dash <= 0)
            {
                issues.Add("weekly", $"line {i + 1}: write DAYS FROM-TO, e.g. mon-fri 09:00-18:00");
                continue;
            }

            weekly.Add(new WeeklyWindow(ExpandDays(parts[0]), parts[1][..dash], parts[1][(dash + 1)..]));
        }

        var overrides = new List<DateOverride>();
        lines = values.Lines("overrides");
        for (var i = 0; i < lines.Count; i++)
        {
            var parts = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var range = parts[0].Split("..");
            var windows = new List<TimeRange>();
            var next = 1;
            for (; next < parts.Length && parts[next].Length == 11 && parts[next][5] == '-' && char.IsAsciiDigit(parts[next][0]); next++)
            {
                windows.Add(new TimeRange(parts[next][..5], parts[next][6..]));
            }

            var name = next < parts.Length ? string.Join(' ', parts[next..]) : null;
            overrides.Add(new DateOverride(range[0], range.Length > 1 ? range[1] : null, name, windows));
        }

        return new Schedule(values.Optional("name"), weekly, overrides);
    }

    /// <summary>"mon-fri" → mon..fri; "sat,sun" as listed; anything else is passed on for the validator to name.</summary>
    private static List<string> ExpandDays(string text)
    {
        var days = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var from = dash > 0 ? Array.IndexOf(Days, part[..dash]) : -1;
            var to = dash > 0 ? Array.IndexOf(Days, part[(dash + 1)..]) : -1;
            if (from >= 0 && to >= from)
            {
                days.AddRange(Days[from..(to + 1)]);
            }
            else
            {
                days.Add(part);
            }
        }

        return days;
    }

    public override string RenderFields(FormValues values, FieldIssues issues, bool isNew) =>
        Form.Text("id", "Schedule id", values, issues, "Used by rules and bound numbers", extra: " required") +
        Form.Text("name", "Name", values, issues) +
        Form.Area("weekly", "Open every week", values, issues, "One per line: DAYS FROM-TO, e.g. mon-fri 09:00-18:00 or sat 09:00-12:00; 22:00-06:00 runs past midnight", 4) +
        Form.Area("overrides", "Holidays and exceptions", values, issues,
            "One per line: DATE or DATE..DATE, then opening times if open that day, then a name. 2026-10-01..2026-10-07 National Day closes; 2026-09-28 09:00-18:00 Make-up day opens", 5);

    protected override IReadOnlyList<string> RowOf(string id, Schedule item) =>
    [
        id,
        item.Name ?? string.Empty,
        string.Join("; ", item.Weekly.Select(w => $"{string.Join(",", w.Days)} {w.From}-{w.To}")),
        string.Join("; ", item.Overrides.Select(Override)),
    ];
}
