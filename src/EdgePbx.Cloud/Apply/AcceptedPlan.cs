using EdgePbx.Cloud.Envelope;

namespace EdgePbx.Cloud.Apply;

/// <summary>A plan that passed signature, target, version and validation checks, ready to store.</summary>
/// <param name="Envelope">The exact envelope bytes, so storage can keep the signed original for audit.</param>
public sealed record AcceptedPlan(
    long Version,
    DateTimeOffset IssuedAt,
    PlanTarget Target,
    string KeyId,
    ReadOnlyMemory<byte> PlanJson,
    ReadOnlyMemory<byte> Envelope);
