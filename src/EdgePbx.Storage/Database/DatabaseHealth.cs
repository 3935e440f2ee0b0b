namespace EdgePbx.Storage.Database;

public readonly record struct DatabaseHealth(bool IsHealthy, string Detail);
