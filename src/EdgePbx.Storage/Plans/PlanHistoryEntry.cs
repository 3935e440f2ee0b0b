namespace EdgePbx.Storage.Plans;

/// <summary>A routing plan as it was applied: its JSON text exactly as received, its version, and its standing.</summary>
public sealed record PlanHistoryEntry(long Id, string Version, string PlanJson, DateTimeOffset Applied, bool IsCurrent, bool IsLastKnownGood);
