using EdgePbx.Routing.Model;
using EdgePbx.Routing.Validation;

namespace EdgePbx.Routing.Json;

/// <summary>A parsed plan (not yet validated) or the reason it could not be parsed.</summary>
public sealed record PlanReadResult(RoutingPlan? Plan, IReadOnlyList<PlanIssue> Errors);
