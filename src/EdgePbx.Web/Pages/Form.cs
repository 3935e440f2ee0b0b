using System.Text;
using EdgePbx.Web.Plans;

namespace EdgePbx.Web.Pages;

/// <summary>
/// Form controls for the installer's pages. Each field has id "f-NAME" (dots become dashes) and, when it
/// is wrong, a problem paragraph "f-NAME-problem" right under it that the input points to.
/// </summary>
public static class Form
{
    public static string Id(string name) => "f-" + name.Replace('.', '-');

    public static string Begin(string action, string csrf, string id) =>
        $"<form method=\"post\" action=\"{Html.E(action)}\" class=\"card form\" id=\"{Html.E(id)}\" novalidate>" +
        $"<input type=\"hidden\" name=\"csrf\" value=\"{Html.E(csrf)}\">";

    public static string End(string submit) => $"<button type=\"submit\">{Html.E(submit)}</button></form>";

    /// <summary>Issues that belong to no field, above the form.</summary>
    public static string General(FieldIssues issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (issues.General.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<div class=\"card problems\" id=\"problems\" role=\"alert\"><p>The change was not made:</p><ul>");
        foreach (var message in issues.General)
        {
            html.Append("<li>").Append(Html.E(message)).Append("</li>");
        }

        return html.Append("</ul></div>").ToString();
    }

    public static string Text(string name, string label, FormValues values, FieldIssues issues, string? hint = null, string type = "text", string? extra = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Field(Label(name, label, hint) +
            $"<input id=\"{Id(name)}\" name=\"{Html.E(name)}\" type=\"{type}\" value=\"{Html.E(values[name])}\"{extra}{Invalid(name, issues)}>" +
            Problem(name, issues));
    }

    /// <summary>A secret is written, never read back: the field is always empty and "leave empty to keep".</summary>
    public static string Secret(string name, string label, FieldIssues issues, string hint) =>
        Field(Label(name, label, hint) +
        $"<input id=\"{Id(name)}\" name=\"{Html.E(name)}\" type=\"password\" autocomplete=\"new-password\" value=\"\"{Invalid(name, issues)}>" +
        Problem(name, issues));

    public static string Area(string name, string label, FormValues values, FieldIssues issues, string? hint = null, int rows = 4)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Field(Label(name, label, hint) +
            $"<textarea id=\"{Id(name)}\" name=\"{Html.E(name)}\" rows=\"{rows}\"{Invalid(name, issues)}>{Html.E(values[name])}</textarea>" +
            Problem(name, issues));
    }

    public static string Check(string name, string label, FormValues values, FieldIssues issues)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Field($"<label class=\"check\"><input id=\"{Id(name)}\" name=\"{Html.E(name)}\" type=\"checkbox\"{(values.Checked(name) ? " checked" : string.Empty)}{Invalid(name, issues)}> {Html.E(label)}</label>" +
            Problem(name, issues));
    }

    public static string Select(string name, string label, IEnumerable<(string Value, string Label)> options, FormValues values, FieldIssues issues, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(values);
        var html = new StringBuilder(Label(name, label, hint));
        html.Append("<select id=\"").Append(Id(name)).Append("\" name=\"").Append(Html.E(name)).Append('"').Append(Invalid(name, issues)).Append('>');
        foreach (var (value, text) in options)
        {
            html.Append("<option value=\"").Append(Html.E(value)).Append('"').Append(value == values[name] ? " selected" : string.Empty)
                .Append('>').Append(Html.E(text)).Append("</option>");
        }

        return Field(html.Append("</select>").Append(Problem(name, issues)).ToString());
    }

    private static string Field(string inner) => "<div class=\"field\">" + inner + "</div>";

    private static string Label(string name, string label, string? hint) =>
        $"<label for=\"{Id(name)}\">{Html.E(label)}</label>" + (hint is null ? string.Empty : $"<small class=\"hint\">{Html.E(hint)}</small>");

    private static string Invalid(string name, FieldIssues issues) =>
        issues.For(name) is null ? string.Empty : $" aria-invalid=\"true\" aria-describedby=\"{Id(name)}-problem\"";

    private static string Problem(string name, FieldIssues issues) =>
        issues.For(name) is { } message ? $"<p class=\"problem\" id=\"{Id(name)}-problem\">{Html.E(message)}</p>" : string.Empty;
}
