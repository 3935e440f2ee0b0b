using EdgePbx.Sip.Registration;
using EdgePbx.Switchboard.Events;

namespace EdgePbx.Switchboard.Status;

/// <summary>
/// What the web page polls: calls in progress, every line that is not idle, the trunk, and the counts since
/// start. Extensions missing from <see cref="Lines"/> are idle.
/// </summary>
public sealed record EngineStatus(
    DateTimeOffset At,
    IReadOnlyList<ActiveCallInfo> ActiveCalls,
    IReadOnlyDictionary<string, LineState> Lines,
    TrunkRegistrationState Trunk,
    long CallsTaken,
    long PlanRevision);
