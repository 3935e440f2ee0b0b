namespace EdgePbx.Cloud.Apply;

/// <summary>
/// What the store holds. <see cref="HighestAcceptedVersion"/> is kept apart from the current version
/// because a roll-back lowers the current version, and the rolled-back plan (still retained on the
/// broker) must not come back on the next reconnect: the replay guard compares against the highest
/// version ever accepted.
/// </summary>
public sealed record PlanStoreState(long? CurrentVersion, long? LastKnownGoodVersion, long HighestAcceptedVersion)
{
    public static PlanStoreState Empty { get; } = new(null, null, 0);
}
