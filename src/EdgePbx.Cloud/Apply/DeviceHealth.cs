namespace EdgePbx.Cloud.Apply;

/// <summary>The little the cloud is told about the box's health: never call records or numbers.</summary>
public readonly record struct DeviceHealth(bool TrunkRegistered, int ActiveCalls);
