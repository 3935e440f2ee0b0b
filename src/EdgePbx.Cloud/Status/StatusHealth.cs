namespace EdgePbx.Cloud.Status;

public sealed record StatusHealth(bool TrunkRegistered, int ActiveCalls);
