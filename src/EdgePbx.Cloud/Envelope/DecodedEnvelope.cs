namespace EdgePbx.Cloud.Envelope;

/// <summary>An envelope whose JSON and base64 parsed; nothing about it is trusted yet.</summary>
public sealed record DecodedEnvelope(
    PlanEnvelope Envelope,
    PlanHeader Header,
    ReadOnlyMemory<byte> PlanJson,
    ReadOnlyMemory<byte> Signature);
