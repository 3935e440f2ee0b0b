using EdgePbx.Cloud.Envelope;

namespace EdgePbx.Cloud.Tools;

/// <summary>What <c>edgepbx plan sign</c> needs besides the plan file and the key.</summary>
public sealed record PlanSigningRequest(long Version, PlanTarget Target, string KeyId, DateTimeOffset IssuedAt);
