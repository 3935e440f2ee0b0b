namespace EdgePbx.Switchboard.Hunting;

/// <summary>What a <see cref="HuntRun"/> needs from its call; every method runs on the call's partition.</summary>
public interface IHuntHost
{
    /// <summary>Starts ringing the member's phones; false when none can be reached (not registered, no trunk).</summary>
    bool RingMember(HuntMember member);

    /// <summary>Stops ringing the member (its ring time is over): cancel its legs.</summary>
    void StopMember(HuntMember member);

    /// <summary>A one-shot timer whose callback runs on the call's partition.</summary>
    ITimer Schedule(TimeSpan due, Action action);

    /// <summary>Every round is over and nobody answered; <paramref name="allBusy"/> when every turn ended in 486/600.</summary>
    void HuntExhausted(bool allBusy);
}
