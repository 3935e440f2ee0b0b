namespace EdgePbx.Cloud.Envelope;

/// <summary>
/// The signed metadata of a plan. It travels as exact bytes (base64 in the envelope) so the signature
/// covers version, issue time and target together with the plan: none can be swapped without the key.
/// </summary>
public sealed record PlanHeader(
    string Format,
    long Version,
    DateTimeOffset IssuedAt,
    PlanTarget Target,
    string KeyId)
{
    public const string CurrentFormat = "edgepbx.plan.v1";
}
