using System.Text.Json.Serialization;

namespace EdgePbx.Cloud.Envelope;

/// <summary>Who a plan is for: one device (<c>kind = "device"</c>) or a fleet group (<c>kind = "group"</c>).</summary>
public sealed record PlanTarget(string Kind, string Id)
{
    public const string DeviceKind = "device";
    public const string GroupKind = "group";

    public static PlanTarget Device(string deviceId) => new(DeviceKind, deviceId);

    public static PlanTarget Group(string groupId) => new(GroupKind, groupId);

    [JsonIgnore]
    public bool IsWellFormed =>
        (Kind == DeviceKind || Kind == GroupKind) && !string.IsNullOrWhiteSpace(Id);

    public override string ToString() => $"{Kind}:{Id}";
}
