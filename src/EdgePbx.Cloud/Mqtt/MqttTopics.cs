using EdgePbx.Cloud.Envelope;

namespace EdgePbx.Cloud.Mqtt;

/// <summary>
/// Topic layout (docs/cloud-sync.md): plans are retained on <c>{prefix}/devices/{id}/plan</c> or
/// <c>{prefix}/groups/{group}/plan</c>; a box reports on <c>{prefix}/devices/{id}/status</c>.
/// </summary>
public sealed record MqttTopics(string Prefix = MqttTopics.DefaultPrefix)
{
    public const string DefaultPrefix = "edgepbx";

    public string DevicePlan(string deviceId) => $"{Prefix}/devices/{deviceId}/plan";

    public string GroupPlan(string groupId) => $"{Prefix}/groups/{groupId}/plan";

    public string DeviceStatus(string deviceId) => $"{Prefix}/devices/{deviceId}/status";

    public string PlanFor(PlanTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind == PlanTarget.GroupKind ? GroupPlan(target.Id) : DevicePlan(target.Id);
    }

    /// <summary>MQTT wildcards or separators in an id would widen or move a subscription.</summary>
    public static bool IsSafeSegment(string id) =>
        !string.IsNullOrEmpty(id) && id.IndexOfAny(['/', '+', '#', '\0']) < 0;
}
