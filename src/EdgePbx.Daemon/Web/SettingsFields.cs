using System.Globalization;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Web.Box;

namespace EdgePbx.Daemon.Web;

/// <summary>
/// The System page's editable settings, read from the settings file's model: a key the file leaves out shows the
/// built-in default, so what the form shows is what the daemon would use after a restart.
/// </summary>
public static class SettingsFields
{
    public static readonly IReadOnlyList<string> Sections = ["network", "trunk", "cloud"];

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
            _ => null,
        };
    }

    private static string TrustedKeysHint(SettingsFileModel file) =>
        file.Cloud?.TrustedKeys is { Count: > 0 } keys
            ? $"Trusted plan-signing keys (key files, changed in the settings file): {string.Join(", ", keys.Keys)}"
            : "Sync needs trusted plan-signing keys: key files named under cloud.trustedKeys in the settings file";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
