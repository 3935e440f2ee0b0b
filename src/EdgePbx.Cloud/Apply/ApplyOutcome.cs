namespace EdgePbx.Cloud.Apply;

/// <summary>What happened to one incoming envelope. <see cref="Version"/> is null when it could not be read.</summary>
public sealed record ApplyOutcome(ApplyOutcomeKind Kind, long? Version, IReadOnlyList<RejectionReason> Reasons)
{
    public static ApplyOutcome Applied(long version) => new(ApplyOutcomeKind.Applied, version, []);

    public static ApplyOutcome AlreadyApplied(long version) => new(ApplyOutcomeKind.AlreadyApplied, version, []);

    public static ApplyOutcome Rejected(long? version, RejectionReason reason) =>
        new(ApplyOutcomeKind.Rejected, version, [reason]);

    public static ApplyOutcome Rejected(long? version, IReadOnlyList<RejectionReason> reasons) =>
        new(ApplyOutcomeKind.Rejected, version, reasons);
}
