using System.Text.Json.Serialization;
using EdgePbx.Web.Health;

namespace EdgePbx.Web;

public sealed record ApiError(string Error);

public sealed record StatusResponse(string Version, long UptimeSeconds, bool Ready, IReadOnlyList<ReadinessCheckReport> Checks);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(StatusResponse))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
