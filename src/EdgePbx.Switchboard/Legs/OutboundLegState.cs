namespace EdgePbx.Switchboard.Legs;

public enum OutboundLegState
{
    /// <summary>INVITE sent, nothing heard yet.</summary>
    Calling = 0,

    /// <summary>A provisional response arrived (the phone rings).</summary>
    Ringing,

    Answered,

    /// <summary>Failed, cancelled, timed out or hung up; <see cref="OutboundLeg.FinalStatus"/> says how.</summary>
    Ended,
}
