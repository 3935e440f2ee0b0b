using EdgePbx.Routing.Evaluation;

namespace EdgePbx.Switchboard.Hunting;

/// <summary>One member's turn in one round of a hunt.</summary>
public sealed class HuntMember(RingLeg leg, int round)
{
    public RingLeg Leg { get; } = leg;

    public string Target => Leg.Target;

    public int Round { get; } = round;

    public HuntMemberState State { get; internal set; }

    /// <summary>Why the member's turn ended: its best final status, 480 if it could not be reached, 487 when its ring time ran out.</summary>
    public int Status { get; internal set; }

    internal ITimer? Timer { get; set; }

    public override string ToString() => $"{Target} (round {Round + 1}, {State})";
}
