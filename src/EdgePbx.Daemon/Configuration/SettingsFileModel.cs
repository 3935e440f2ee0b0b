using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgePbx.Daemon.Configuration;

/// <summary>The JSON shape of a settings file. Every key is optional; unknown keys are an error.</summary>
public sealed class SettingsFileModel
{
    public SipSection? Sip { get; set; }
    public ListenerSection? Web { get; set; }
    public string? DataDir { get; set; }
    public string? PlanFile { get; set; }

    /// <summary>The front panel's pin map and timings, read by EdgePbx.Hardware (which names its own unknown keys).</summary>
    public JsonElement? Panel { get; set; }

    public CloudSection? Cloud { get; set; }

    public TrunkSection? Trunk { get; set; }

    public VoicemailSection? Voicemail { get; set; }

    public MediaSection? Media { get; set; }

    public string? LogLevel { get; set; }

    public sealed class MediaSection
    {
        /// <summary>"FIRST-LAST", e.g. "16384-32767": the UDP ports RTP sessions are opened on.</summary>
        public string? RtpPorts { get; set; }

        /// <summary>"en" or "cmn": the default prompts copied as prompts/NAME.wav.</summary>
        public string? PromptLanguage { get; set; }
    }

    public sealed class VoicemailSection
    {
        public string? AccessNumber { get; set; }
        public int? MaxMessageSeconds { get; set; }
        public int? SilenceSeconds { get; set; }
        public bool? UnsolicitedNotify { get; set; }
    }

    public sealed class TrunkSection
    {
        public string? Target { get; set; }
        public string? Domain { get; set; }
        public string? Account { get; set; }
        public string? Username { get; set; }
        public string? Password { get; set; }
        public int? Expires { get; set; }

        /// <summary>"pai" (P-Asserted-Identity, the default) or "from": how forwards show the real caller.</summary>
        public string? CallerId { get; set; }

        public List<string>? Sources { get; set; }
    }

    public sealed class CloudSection
    {
        public string? DeviceId { get; set; }
        public List<string>? Groups { get; set; }

        /// <summary>Key id to PEM public key file (relative to the settings file).</summary>
        public Dictionary<string, string>? TrustedKeys { get; set; }

        public string? Mqtt { get; set; }
        public string? Username { get; set; }
        public string? Password { get; set; }
        public string? PullUrl { get; set; }
        public int? PullIntervalSeconds { get; set; }
    }

    public sealed class ListenerSection
    {
        public string? Listen { get; set; }
    }

    public sealed class SipSection
    {
        public string? Listen { get; set; }

        /// <summary>The box's domain and digest realm (phones register as ext@domain).</summary>
        public string? Domain { get; set; }

        /// <summary>Digest algorithms challenged with, most preferred first: "MD5", "SHA-256" (default ["MD5"]).</summary>
        public List<string>? DigestAlgorithms { get; set; }

        /// <summary>Seconds between OPTIONS qualify rounds of registered phones (default 60, 0 = off).</summary>
        public int? QualifySeconds { get; set; }
    }
}

// Writing (the System page saves the file): indented, and keys left unset stay out of the file.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(SettingsFileModel))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext;
