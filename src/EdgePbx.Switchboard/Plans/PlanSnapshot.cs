using EdgePbx.Routing.Model;

namespace EdgePbx.Switchboard.Plans;

/// <summary>
/// One validated plan as the engine obeys it. <paramref name="Revision"/> is the plan's revision
/// (the cloud envelope's version, or the local edit counter); <paramref name="Source"/> says where it
/// came from ("file examples/plans/demo.json", "cloud", "web edit by admin"); <paramref name="Sha256"/>
/// is the hex digest of the plan JSON as applied.
/// </summary>
public sealed record PlanSnapshot(
    RoutingPlan Plan,
    long Revision,
    string Source,
    string Sha256,
    DateTimeOffset AppliedAt);
