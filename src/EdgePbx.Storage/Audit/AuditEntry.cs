namespace EdgePbx.Storage.Audit;

/// <summary>One change made to the box: who (installer user, "cloud", "cli"), what, and details.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Detail);
