using EdgePbx.Routing.Evaluation;

namespace EdgePbx.Switchboard.Menus;

/// <summary>What follows a menu entry: the same menu again (<see cref="Retry"/>), or <see cref="Steps"/> to run.</summary>
public sealed record MenuDecision(MenuStep? Retry, IReadOnlyList<RouteStep> Steps, IReadOnlyList<string> Trace);
