using System.Globalization;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Media.Prompts;
using EdgePbx.Media.Rtp;
using EdgePbx.Sip.Auth;
using EdgePbx.Web.Box;

namespace EdgePbx.Daemon.Web;

/// <summary>
/// The System page's editable settings, read from the settings file's model: a key the file leaves out shows the
/// built-in default, so what the form shows is what the daemon would use after a restart.
/// </summary>
public static class SettingsFields
{
    public static readonly IReadOnlyList<string> Sections = ["network", "trunk", "cloud", "sip", "media", "voicemail"];

    /// <summary>The text of a yes/no key, as the file spells it.</summary>
    public static readonly IReadOnlyList<string> YesNo = ["false", "true"];

    private static readonly string[] LogLevels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical", "None"];

    public static IReadOnlyList<BoxSettingField>? Of(string section, SettingsFileModel file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var defaults = DaemonSettings.Defaults;
        return section switch
        {
            "network" =>
            [
                new("sip.listen", "SIP address (phones and carrier)", file.Sip?.Listen ?? defaults.SipListen.ToString(), Hint: "IP:port for SIP over UDP and TCP, e.g. 0.0.0.0:5060 (every address) or the box's own address"),
                new("web.listen", "Web page address", file.Web?.Listen ?? defaults.WebListen.ToString(), Hint: "IP:port of this page, e.g. 0.0.0.0:80; after the restart the page answers there"),
                new("sip.domain", "SIP domain and realm", file.Sip?.Domain ?? defaults.SipDomain, Hint: "Phones register as extension@domain"),
                new("logLevel", "Log level", file.LogLevel ?? defaults.LogLevel, BoxFieldKind.Choice) { Choices = LogLevels },
            ],
            "trunk" =>
            [
                new("trunk.target", "Carrier address", file.Trunk?.Target ?? string.Empty, Hint: "IP:port, e.g. 203.0.113.10:5060. Clear the address, domain, account and user name to remove the trunk"),
                new("trunk.domain", "Carrier domain", file.Trunk?.Domain ?? string.Empty, Hint: "e.g. sip.carrier.example"),
                new("trunk.account", "Account (number)", file.Trunk?.Account ?? string.Empty, Hint: "The enterprise's number at the carrier, digits only"),
                new("trunk.username", "Registration user name", file.Trunk?.Username ?? string.Empty, Hint: "Empty for a trunk that knows the box by its address (no registration)"),
                new("trunk.password", "Registration password", string.Empty, BoxFieldKind.Secret, "Leave empty to keep the saved one; it goes with the user name") { IsSet = file.Trunk?.Password is not null },
                new("trunk.expires", "Registration interval (seconds)", Number(file.Trunk?.Expires ?? 300), BoxFieldKind.Number, "60 to 86400"),
                new("trunk.callerId", "Caller id of forwards", file.Trunk?.CallerId ?? "pai", BoxFieldKind.Choice, "pai: the real caller in P-Asserted-Identity, the account in From; from: the real caller in From") { Choices = ["pai", "from"] },
                new("trunk.sources", "Other carrier addresses", string.Join("\n", file.Trunk?.Sources ?? []), BoxFieldKind.Lines, "IP addresses the carrier also sends calls from, one per line"),
            ],
            "cloud" =>
            [
                new("cloud.deviceId", "Device id", file.Cloud?.DeviceId ?? string.Empty, Hint: TrustedKeysHint(file)),
                new("cloud.groups", "Groups", string.Join("\n", file.Cloud?.Groups ?? []), BoxFieldKind.Lines, "Plan groups this box follows, one per line"),
                new("cloud.mqtt", "MQTT broker", file.Cloud?.Mqtt ?? string.Empty, Hint: "mqtt://host:port or mqtts://host:port; empty for pull only"),
                new("cloud.username", "MQTT user", file.Cloud?.Username ?? string.Empty),
                new("cloud.password", "MQTT password", string.Empty, BoxFieldKind.Secret, "Leave empty to keep the saved one; it goes with the user") { IsSet = file.Cloud?.Password is not null },
                new("cloud.pullUrl", "Pull URL", file.Cloud?.PullUrl ?? string.Empty, Hint: "https URL polled for the plan; empty for MQTT only"),
                new("cloud.pullIntervalSeconds", "Pull every (seconds)", Number(file.Cloud?.PullIntervalSeconds ?? 900), BoxFieldKind.Number, "10 to 86400"),
            ],
            "sip" => Sip(file.Sip, defaults),
            "media" => Media(file.Media, new MediaSettings()),
            "voicemail" => Voicemail(file.Voicemail, new VoicemailSettings()),
            _ => null,
        };
    }

    private static BoxSettingField[] Sip(SettingsFileModel.SipSection? sip, DaemonSettings defaults)
    {
        var digest = defaults.SipDigestAlgorithms.Select(DigestCalculator.Name).ToList();
        var qualify = (int)defaults.SipQualifyInterval.TotalSeconds;
        return
        [
            new(DigestAlgorithmsReader.Key, "Digest algorithms phones are challenged with", string.Join("\n", sip?.DigestAlgorithms ?? digest), BoxFieldKind.Lines,
                $"{string.Join(" and/or ", DigestAlgorithmsReader.Names)}, each once, one per line, most preferred first. {string.Join(", ", digest)} alone (the default) suits every phone; "
                + "offer SHA-256 only when every phone follows RFC 8760 (older ones refuse the whole challenge). Empty: the default"),
            new("sip.qualifySeconds", "Qualify interval (seconds)", Number(sip?.QualifySeconds ?? qualify), BoxFieldKind.Number,
                $"0 to {SipSettingsReader.LongestQualifySeconds}: how often each registered phone gets an OPTIONS; one that stops answering is marked unreachable "
                + $"and hunting skips it until it answers again. 0 turns qualify off. Empty: {qualify} (the default)"),
        ];
    }

    private static BoxSettingField[] Media(SettingsFileModel.MediaSection? media, MediaSettings defaults)
    {
        var ports = PortRange(defaults.RtpPorts);
        return
        [
            new("media.rtpPorts", "RTP ports (calls' audio)", media?.RtpPorts ?? ports, Hint:
                $"FIRST-LAST UDP ports, e.g. {ports} (the default): an even first port, within {MediaSettingsReader.LowestPort}-65535, at least {MediaSettingsReader.MinimumPorts} ports, "
                + "two even ports per relayed call. Keep it below the kernel's ephemeral ports (32768-60999) and open it in the firewall. Empty: the default"),
            new("media.promptLanguage", "Language of the default prompts", media?.PromptLanguage ?? defaults.PromptLanguage, BoxFieldKind.Choice,
                $"en: English, cmn: Mandarin ({defaults.PromptLanguage} is the default). Copied on start as prompts/NAME.wav where no prompt of that name is there yet; an uploaded prompt is never replaced")
            { Choices = SayNumbers.Languages },
        ];
    }

    private static BoxSettingField[] Voicemail(SettingsFileModel.VoicemailSection? voicemail, VoicemailSettings defaults) =>
    [
        new("voicemail.accessNumber", "Voicemail access number", voicemail?.AccessNumber ?? defaults.AccessNumber, Hint:
            $"What a phone dials for its mailbox: digits, * and #, at most {VoicemailSettingsReader.MaxAccessNumberLength}. Empty: {defaults.AccessNumber} (the default)"),
        new("voicemail.maxMessageSeconds", "Longest message (seconds)", Number(voicemail?.MaxMessageSeconds ?? defaults.MaxMessageSeconds), BoxFieldKind.Number,
            $"{VoicemailSettingsReader.ShortestMessageLimit} to {VoicemailSettingsReader.LongestMessageLimit}; a message ends there. Empty: {defaults.MaxMessageSeconds} (the default)"),
        new("voicemail.silenceSeconds", "Silence that ends a message (seconds)", Number(voicemail?.SilenceSeconds ?? defaults.SilenceSeconds), BoxFieldKind.Number,
            $"{VoicemailSettingsReader.ShortestSilence} to {VoicemailSettingsReader.LongestSilence}. Empty: {defaults.SilenceSeconds} (the default)"),
        new("voicemail.unsolicitedNotify", "Message-waiting to phones that do not subscribe", Bool(voicemail?.UnsolicitedNotify ?? defaults.UnsolicitedNotify), BoxFieldKind.Choice,
            $"true: every registered phone of a mailbox gets the message-waiting NOTIFY; false: only phones that subscribe to message-summary (RFC 3842). {Bool(defaults.UnsolicitedNotify)} is the default")
        { Choices = YesNo },
    ];

    private static string TrustedKeysHint(SettingsFileModel file) =>
        file.Cloud?.TrustedKeys is { Count: > 0 } keys
            ? $"Trusted plan-signing keys (key files, changed in the settings file): {string.Join(", ", keys.Keys)}"
            : "Sync needs trusted plan-signing keys: key files named under cloud.trustedKeys in the settings file";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    /// <summary>A port range as the settings file spells it: "16384-32767".</summary>
    internal static string PortRange(RtpPortRange range) => string.Create(CultureInfo.InvariantCulture, $"{range.First}-{range.Last}");
}
