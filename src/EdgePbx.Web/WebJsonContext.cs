using System.Text.Json.Serialization;
using EdgePbx.Routing.Model;
using EdgePbx.Storage.Phones;
using EdgePbx.Web.Api;
using EdgePbx.Web.Health;

namespace EdgePbx.Web;

public sealed record ApiError(string Error);

public sealed record StatusResponse(string Version, long UptimeSeconds, bool Ready, IReadOnlyList<ReadinessCheckReport> Checks);

/// <summary>
/// Every JSON type of the installer API, source generated (NativeAOT). Plan parts are read with the plan's
/// own rules: camelCase, enums as their plan names, unknown properties refused (a typo must not fall back
/// to a default), required constructor parameters enforced.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(Extension))]
[JsonSerializable(typeof(HuntGroup))]
[JsonSerializable(typeof(IvrMenu))]
[JsonSerializable(typeof(Schedule))]
[JsonSerializable(typeof(ListsBody))]
[JsonSerializable(typeof(LimitsBody))]
[JsonSerializable(typeof(PhoneSecretsBody))]
[JsonSerializable(typeof(PlanEditResponse))]
[JsonSerializable(typeof(IReadOnlyList<PhoneAccount>))]
[JsonSerializable(typeof(ExplainResponse))]
[JsonSerializable(typeof(CallsResponse))]
[JsonSerializable(typeof(ReportResponse))]
[JsonSerializable(typeof(SystemResponse))]
[JsonSerializable(typeof(DashboardResponse))]
[JsonSerializable(typeof(IReadOnlyList<PromptDto>))]
[JsonSerializable(typeof(EdgePbx.Web.Box.RestartBody))]
[JsonSerializable(typeof(IReadOnlyList<VoicemailDto>))]
[JsonSerializable(typeof(IReadOnlyList<LogLineDto>))]
[JsonSerializable(typeof(IReadOnlyList<SettingsSectionDto>))]
[JsonSerializable(typeof(SettingsFormDto))]
[JsonSerializable(typeof(SettingsSaveResponse))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
