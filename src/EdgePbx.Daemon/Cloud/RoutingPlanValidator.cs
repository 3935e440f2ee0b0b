using EdgePbx.Cloud.Apply;
using EdgePbx.Routing.Cli;
using EdgePbx.Routing.Validation;

namespace EdgePbx.Daemon.Cloud;

/// <summary>The cloud's plan check is the routing layer's: the same errors with the same JSON paths.</summary>
public sealed class RoutingPlanValidator : IPlanValidator
{
    public IReadOnlyList<PlanValidationError> Validate(ReadOnlyMemory<byte> planJson) =>
        PlanCheck.Run(planJson.Span).Issues
            .Where(i => i.Severity == IssueSeverity.Error)
            .Select(i => new PlanValidationError(i.Path, i.Message))
            .ToList();
}
