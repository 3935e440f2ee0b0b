using System.Text.Json.Serialization.Metadata;
using EdgePbx.Routing.Model;
using EdgePbx.Web.Pages;
using EdgePbx.Web.Prompts;

namespace EdgePbx.Web.Plans;

/// <summary>IVR menus: prompt, key options one per line ("1 = group:sales"), timeouts and fallbacks.</summary>
public sealed class MenuSection(PromptFiles prompts) : PlanSectionOf<IvrMenu>
{
    public override string Kind => "menus";

    public override string Title => "IVR menus";

    public override string Singular => "menu";

    public override IReadOnlyList<string> Fields { get; } = ["id", "name", "prompt", "options", "directDial", "timeoutSeconds", "retries", "onTimeout", "onInvalid", "timeoutPrompt", "invalidPrompt"];

    public override IReadOnlyList<string> Columns { get; } = ["Menu", "Name", "Prompt", "Keys"];

    protected override JsonTypeInfo<IvrMenu> TypeInfo => WebJsonContext.Default.IvrMenu;

    protected override IReadOnlyDictionary<string, IvrMenu> Items(RoutingPlan plan) => plan.Menus;

    protected override RoutingPlan WithItems(RoutingPlan plan, IReadOnlyDictionary<string, IvrMenu> items) => plan with { Menus = items };

    public override FormValues NewValues()
    {
        var values = new FormValues();
        ToValues(new IvrMenu(string.Empty), values);
        return values;
    }

    protected override void ToValues(IvrMenu item, FormValues values)
    {
        values["name"] = item.Name ?? string.Empty;
        values["prompt"] = item.Prompt;
        values["options"] = string.Join("\n", item.Options.Select(o => $"{o.Key} = {o.Value}"));
        values.Check("directDial", item.DirectDial);
        values["timeoutSeconds"] = FormValues.Number(item.TimeoutSeconds);
        values["retries"] = FormValues.Number(item.Retries);
        values["onTimeout"] = item.OnTimeout ?? string.Empty;
        values["onInvalid"] = item.OnInvalid ?? string.Empty;
        values["timeoutPrompt"] = item.TimeoutPrompt ?? string.Empty;
        values["invalidPrompt"] = item.InvalidPrompt ?? string.Empty;
    }

    protected override IvrMenu? FromValues(FormValues values, FieldIssues issues)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = values.Lines("options");
        for (var i = 0; i < lines.Count; i++)
        {
            var eq = lines[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                issues.Add("options", $"line {i + 1}: write KEY = TARGET, e.g. 1 = group:sales");
                continue;
            }

            var key = lines[i][..eq].Trim();
            if (!options.TryAdd(key, lines[i][(eq + 1)..].Trim()))
            {
                issues.Add("options", $"line {i + 1}: key {key} is given twice");
            }
        }

        return new IvrMenu(
            values.Text("prompt"),
            values.Optional("name"),
            options,
            values.Checked("directDial"),
            values.Whole("timeoutSeconds", issues, 5),
            values.Whole("retries", issues, 2),
            values.Optional("onTimeout"),
            values.Optional("onInvalid"),
            values.Optional("timeoutPrompt"),
            values.Optional("invalidPrompt"));
    }

    public override string RenderFields(FormValues values, FieldIssues issues, bool isNew) =>
        Form.Text("id", "Menu id", values, issues, "Used in targets as menu:ID", extra: " required") +
        Form.Text("name", "Name", values, issues) +
        Form.Text("prompt", "Prompt", values, issues, "The prompt file callers hear, e.g. prompts/main-menu.wav") +
        Form.Area("options", "Keys", values, issues, "One per line: KEY = TARGET, e.g. 1 = group:sales, 0 = ext:101, 9 = back (keys 0-9, *, #)", 6) +
        Form.Check("directDial", "Callers may dial an extension number directly", values, issues) +
        Form.Text("timeoutSeconds", "Wait for a key (seconds)", values, issues, null, "number") +
        Form.Text("retries", "Retries", values, issues, null, "number") +
        Form.Text("onTimeout", "After the retries, on no key, go to", values, issues, "A target, or empty to hang up") +
        Form.Text("onInvalid", "After the retries, on a wrong key, go to", values, issues, "A target, or empty to hang up") +
        Form.Text("timeoutPrompt", "Prompt on a retry after no key", values, issues, "Empty plays the menu prompt again") +
        Form.Text("invalidPrompt", "Prompt on a retry after a wrong key", values, issues, "Empty plays the menu prompt again");

    /// <summary>The menu's prompt: listen to it and replace it, right under the menu it belongs to.</summary>
    public override string BelowForm(string csrf, FormValues values, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(values);
        var prompt = values.Text("prompt");
        if (isNew || prompt.Length == 0)
        {
            return string.Empty;
        }

        var upload = PromptFiles.NameProblem(prompt) is null
            ? PromptEndpoints.UploadForm(csrf, prompt, null, "/menus/" + Uri.EscapeDataString(values.Text("id")))
            : "<p class=\"muted\">Only files under prompts/ can be uploaded here.</p>";
        return "<section class=\"card\" id=\"menu-prompt\"><h2>Prompt audio</h2><p><code>" + Html.E(prompt) + "</code></p><p class=\"player\">" +
            PromptEndpoints.Player(prompt, prompts.Inspect(prompt)) + "</p>" + upload +
            "<p class=\"hint\">" + Html.E(PromptEndpoints.Formats) + ".</p></section>";
    }

    protected override IReadOnlyList<string> RowOf(string id, IvrMenu item) =>
    [
        id,
        item.Name ?? string.Empty,
        item.Prompt,
        string.Join(", ", item.Options.Select(o => $"{o.Key}: {o.Value}")),
    ];
}
