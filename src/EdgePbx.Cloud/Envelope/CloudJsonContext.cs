using System.Text.Json.Serialization;
using EdgePbx.Cloud.Status;

namespace EdgePbx.Cloud.Envelope;

/// <summary>Source-generated JSON for everything Cloud reads or writes (no reflection: NativeAOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(PlanEnvelope))]
[JsonSerializable(typeof(PlanHeader))]
[JsonSerializable(typeof(StatusReport))]
internal sealed partial class CloudJsonContext : JsonSerializerContext;
