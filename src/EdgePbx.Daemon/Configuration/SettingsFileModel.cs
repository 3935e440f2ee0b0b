using System.Text.Json.Serialization;

namespace EdgePbx.Daemon.Configuration;

/// <summary>The JSON shape of a settings file. Every key is optional; unknown keys are an error.</summary>
public sealed class SettingsFileModel
{
    public ListenerSection? Sip { get; set; }
    public ListenerSection? Web { get; set; }
    public string? DataDir { get; set; }
    public string? PlanFile { get; set; }
    public GpioSection? Gpio { get; set; }
    public string? LogLevel { get; set; }

    public sealed class ListenerSection
    {
        public string? Listen { get; set; }
    }

    public sealed class GpioSection
    {
        public string? Backend { get; set; }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SettingsFileModel))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext;
