using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// What to do with a call and why. <see cref="Trace"/> lists every rule considered and its outcome, in
/// words an installer can read.
/// </summary>
public sealed record RouteDecision(
    IReadOnlyList<RouteStep> Steps,
    IReadOnlyList<string> Trace,
    int? MaxCallSeconds,
    IReadOnlyList<RouteStep> FaxSteps,
    Tariff Tariff)
{
    public bool IsRejected => Steps.Count == 1 && Steps[0] is RejectStep;
}
