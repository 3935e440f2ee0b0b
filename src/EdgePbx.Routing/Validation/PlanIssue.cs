namespace EdgePbx.Routing.Validation;

/// <summary>One validation finding, located by the JSON path of the offending value.</summary>
public sealed record PlanIssue(IssueSeverity Severity, string Path, string Message)
{
    public static PlanIssue Error(string path, string message) => new(IssueSeverity.Error, path, message);
    public static PlanIssue Warning(string path, string message) => new(IssueSeverity.Warning, path, message);

    public override string ToString() =>
        $"{(Severity == IssueSeverity.Error ? "error" : "warning")}: {Path}: {Message}";
}
