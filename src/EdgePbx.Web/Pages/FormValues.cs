using System.Globalization;
using EdgePbx.Web.Plans;
using Microsoft.AspNetCore.Http;

namespace EdgePbx.Web.Pages;

/// <summary>
/// A form's fields as the text the installer sees: filled from the plan for a fresh form, from the posted
/// form after a refusal (so nothing typed is lost). Parsing helpers put their complaint on the field.
/// </summary>
public sealed class FormValues
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string this[string name]
    {
        get => _values.TryGetValue(name, out var v) ? v : string.Empty;
        set => _values[name] = value ?? string.Empty;
    }

    public static FormValues From(IFormCollection form, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(fields);
        var values = new FormValues();
        foreach (var field in fields)
        {
            values[field] = form[field].ToString();
        }

        return values;
    }

    public bool Checked(string name) => this[name] is "on" or "true";

    public void Check(string name, bool value) => this[name] = value ? "on" : string.Empty;

    public string? Optional(string name) => string.IsNullOrWhiteSpace(this[name]) ? null : this[name].Trim();

    public string Text(string name) => this[name].Trim();

    public int Whole(string name, FieldIssues issues, int fallback = 0)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var text = this[name].Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        issues.Add(name, text.Length == 0 ? "required" : "must be a whole number");
        return fallback;
    }

    public int? OptionalWhole(string name, FieldIssues issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var text = this[name].Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        issues.Add(name, "must be a whole number, or empty for none");
        return null;
    }

    public long? OptionalWholeLong(string name, FieldIssues issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var text = this[name].Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        issues.Add(name, "must be a whole number, or empty for none");
        return null;
    }

    /// <summary>Non-empty trimmed lines of a text area.</summary>
    public IReadOnlyList<string> Lines(string name) =>
        this[name].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    public static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
