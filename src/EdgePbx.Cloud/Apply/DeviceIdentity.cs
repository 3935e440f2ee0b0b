namespace EdgePbx.Cloud.Apply;

/// <summary>This box's id and the fleet groups it belongs to (from settings).</summary>
public sealed record DeviceIdentity(string DeviceId, IReadOnlyList<string> Groups)
{
    public bool IsTargetedBy(Envelope.PlanTarget target) => target.Kind switch
    {
        Envelope.PlanTarget.DeviceKind => string.Equals(target.Id, DeviceId, StringComparison.Ordinal),
        Envelope.PlanTarget.GroupKind => Groups.Contains(target.Id, StringComparer.Ordinal),
        _ => false,
    };
}
