using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Evaluation;

/// <summary>
/// Ring legs: all at once (each after its delay) when <see cref="Simultaneous"/>, else one after another
/// in order. The whole list is tried <see cref="Repeat"/> times; then <see cref="OnNoAnswer"/> runs.
/// <see cref="NextRoundRobinCursor"/> is the state the engine stores for the next call (round robin).
/// </summary>
public sealed record HuntStep(
    string Source,
    HuntStrategy Strategy,
    bool Simultaneous,
    IReadOnlyList<RingLeg> Legs,
    int Repeat,
    RingbackKind Ringback,
    string? RingbackAudio,
    int? NextRoundRobinCursor,
    IReadOnlyList<RouteStep> OnNoAnswer) : RouteStep;
