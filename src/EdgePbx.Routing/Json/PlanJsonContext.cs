using System.Text.Json.Serialization;
using EdgePbx.Routing.Model;

namespace EdgePbx.Routing.Json;

/// <summary>
/// Source-generated (AOT) JSON for plans. Unknown properties are errors: a typo in a hand-written plan
/// ("ringSecond") must not silently fall back to a default, and a key written twice (two "101" extensions)
/// must not silently lose one of them.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(RoutingPlan))]
internal sealed partial class PlanJsonContext : JsonSerializerContext;
