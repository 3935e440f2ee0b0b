using EdgePbx.Routing.Json;
using EdgePbx.Routing.Validation;

namespace EdgePbx.Routing.Cli;

/// <summary><c>edgepbx plan check FILE</c> without the file: parse and validate the bytes.</summary>
public static class PlanCheck
{
    public static PlanCheckResult Run(ReadOnlySpan<byte> json)
    {
        var read = PlanJson.Read(json);
        if (read.Plan is null)
        {
            return new PlanCheckResult(null, read.Errors);
        }

        var issues = PlanValidator.Validate(read.Plan);
        return issues.Any(i => i.Severity == IssueSeverity.Error)
            ? new PlanCheckResult(null, issues)
            : new PlanCheckResult(read.Plan, issues);
    }
}
