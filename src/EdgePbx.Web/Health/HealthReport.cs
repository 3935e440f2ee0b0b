using System.Text.Json.Serialization;

namespace EdgePbx.Web.Health;

public sealed record HealthReport(string Status, string Version, long UptimeSeconds);

public sealed record ReadinessReport(bool Ready, IReadOnlyList<ReadinessCheckReport> Checks);

public sealed record ReadinessCheckReport(string Name, bool Ready, string Detail);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(ReadinessReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
