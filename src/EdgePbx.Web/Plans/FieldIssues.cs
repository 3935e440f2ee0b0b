using EdgePbx.Routing.Validation;

namespace EdgePbx.Web.Plans;

/// <summary>
/// Places validation issues next to the form fields they are about. A form names its fields by their JSON
/// path below the edited part of the plan ("ringSeconds", "members", "limits.perCaller.maxCalls"); an issue
/// at "$.groups.sales.members[1].target" lands on "members" as "line 2: ...". Issues that match no field
/// (another part of the plan that now refers to something missing) are listed above the form.
/// </summary>
public sealed class FieldIssues
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);
    private readonly List<string> _general = [];

    public IReadOnlyList<string> General => _general;

    public bool Any => _general.Count > 0 || _byField.Count > 0;

    public string? For(string field) => _byField.TryGetValue(field, out var list) ? string.Join(" ", list) : null;

    public IEnumerable<KeyValuePair<string, string>> ByField => _byField.Select(kv => new KeyValuePair<string, string>(kv.Key, string.Join(" ", kv.Value)));

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            _byField[field] = list = [];
        }

        list.Add(message);
    }

    public void AddGeneral(string message) => _general.Add(message);

    /// <summary>Sorts the errors of <paramref name="issues"/> under <paramref name="prefix"/> (e.g. "$.groups.sales") onto <paramref name="fields"/>.</summary>
    public static FieldIssues Map(IEnumerable<PlanIssue> issues, string prefix, IReadOnlyCollection<string> fields)
    {
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(fields);
        var result = new FieldIssues();
        foreach (var issue in issues.Where(i => i.Severity == IssueSeverity.Error))
        {
            result.Place(issue, prefix, fields);
        }

        return result;
    }

    private void Place(PlanIssue issue, string prefix, IReadOnlyCollection<string> fields)
    {
        var path = issue.Path;
        if (path == prefix && fields.Contains("id"))
        {
            Add("id", issue.Message);
            return;
        }

        if (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] is '.' or '[')
        {
            var rest = path[prefix.Length..].TrimStart('.');
            string? best = null;
            foreach (var field in fields)
            {
                if ((rest == field || rest.StartsWith(field + ".", StringComparison.Ordinal) || rest.StartsWith(field + "[", StringComparison.Ordinal))
                    && (best is null || field.Length > best.Length))
                {
                    best = field;
                }
            }

            if (best is not null)
            {
                Add(best, Where(rest[best.Length..]) + issue.Message);
                return;
            }
        }

        _general.Add($"{path}: {issue.Message}");
    }

    /// <summary>"[1].target" → "line 2: "; ".1" (a menu key) → "1: "; "" → "".</summary>
    private static string Where(string rest)
    {
        if (rest.Length == 0)
        {
            return string.Empty;
        }

        if (rest[0] == '[')
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close > 1 && int.TryParse(rest.AsSpan(1, close - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                return $"line {index + 1}: ";
            }
        }

        var key = rest.TrimStart('.');
        var end = key.IndexOfAny(['.', '[']);
        return (end < 0 ? key : key[..end]) + ": ";
    }
}
