using System.Text.Json.Serialization;
using EdgePbx.Hardware.Panel;

namespace EdgePbx.Hardware.Settings;

/// <summary>Source-generated JSON for the panel settings and for the web page's virtual panel snapshot.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    PropertyNameCaseInsensitive = true,
    // "status": null would otherwise put a null where the panel relies on an object.
    RespectNullableAnnotations = true,
    // A misspelt key would otherwise silently leave the reference-board default in place.
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PanelSettings))]
[JsonSerializable(typeof(PanelSnapshot))]
public sealed partial class PanelJsonContext : JsonSerializerContext;
