using System.Text.Json;
using EdgePbx.Cloud.Apply;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>
/// Stands in for the routing validator: a plan is valid when it is a JSON object whose
/// <c>routes</c> is an array; each route without a <c>to</c> is an error at its path.
/// </summary>
internal sealed class RuleOfThumbValidator : IPlanValidator
{
    public IReadOnlyList<PlanValidationError> Validate(ReadOnlyMemory<byte> planJson)
    {
        using var doc = JsonDocument.Parse(planJson);
        if (!doc.RootElement.TryGetProperty("routes", out var routes) || routes.ValueKind != JsonValueKind.Array)
        {
            return [new PlanValidationError("$.routes", "missing array")];
        }

        var errors = new List<PlanValidationError>();
        var i = 0;
        foreach (var route in routes.EnumerateArray())
        {
            if (!route.TryGetProperty("to", out _))
            {
                errors.Add(new PlanValidationError($"$.routes[{i}].to", "required"));
            }

            i++;
        }

        return errors;
    }
}
