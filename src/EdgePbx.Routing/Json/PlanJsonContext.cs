using System.Text.Json.Serialization;
using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Json;

/// <summary>
/// Source-generated (AOT) JSON for plans. Unknown properties are errors: a typo in a hand-written plan
/// ("ringSecond") must not silently fall back to a default.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(RoutingPlan))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
