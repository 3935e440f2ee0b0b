using EdgePbx.Routing.Evaluation;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Switchboard.Limits;

namespace EdgePbx.Switchboard.Routing;

/// <summary>
/// The routing of one call: the decision and the concurrency leases it holds while it runs, or a refusal
/// (<see cref="RejectStatus"/>, the outcome and reason for the record).
/// </summary>
internal sealed record RouteResult(
    RouteDecision? Decision,
    string CallerRegion,
    IReadOnlyList<ConcurrencyLease> Leases,
    int RejectStatus,
    CallOutcome RejectOutcome,
    string RejectReason)
{
    public bool Rejected => RejectStatus != 0;

    public static RouteResult Refuse(int status, CallOutcome outcome, string reason, string region = "") =>
        new(null, region, [], status, outcome, reason);
}
