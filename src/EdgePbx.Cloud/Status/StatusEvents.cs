namespace EdgePbx.Cloud.Status;

/// <summary>Values of <see cref="StatusReport.Event"/>.</summary>
public static class StatusEvents
{
    public const string Applied = "applied";
    public const string Rejected = "rejected";
    public const string RolledBack = "rolled-back";
    public const string Health = "health";
}
