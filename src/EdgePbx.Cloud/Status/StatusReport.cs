namespace EdgePbx.Cloud.Status;

/// <summary>
/// What the box tells the cloud on its status topic. It deliberately has no field that could carry
/// call records or phone numbers.
/// </summary>
public sealed record StatusReport(
    string DeviceId,
    DateTimeOffset At,
    string Event,
    long? CurrentVersion,
    long? LastKnownGoodVersion,
    long? RejectedVersion,
    IReadOnlyList<StatusReason>? Reasons,
    StatusHealth Health);
