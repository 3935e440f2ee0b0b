using System.Globalization;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Sip.Auth;
using EdgePbx.Switchboard.Options;
using EdgePbx.Web.Box;

namespace EdgePbx.Daemon.Web;

/// <summary>
/// The daemon's settings in force as the System page shows them: values, never secrets (a password is "set" or
/// "not set"); and the settings file's keys of each form (<see cref="SettingsFields.Sections"/>), saved through
/// <see cref="SettingsFileEditor"/>. Everything saved takes effect on the next restart of the service.
/// </summary>
public sealed class DaemonBoxSettings(DaemonSettings settings) : IBoxSettings
{
    private readonly SettingsFileEditor? _editor = settings.SettingsFile is { } file ? new SettingsFileEditor(file) : null;
    private readonly List<string> _pending = [];

    public string? Source => settings.SettingsFile ?? "the built-in defaults and the command line (no settings file)";

    public string? ReadOnlyReason => _editor is null
        ? "this EdgePbx was started without a settings file (edgepbx run --config FILE), so there is no file to save to"
        : null;

    public IReadOnlyList<string> PendingRestart
    {
        get
        {
            lock (_pending)
            {
                return [.. _pending];
            }
        }
    }

    public IReadOnlyList<BoxSettingField>? Fields(string section)
    {
        if (_editor?.Read().Model is { } model)
        {
            return SettingsFields.Of(section, model);
        }

        // No file (or it no longer reads): the form shows the defaults and refuses to save with the reason.
        return SettingsFields.Of(section, new SettingsFileModel());
    }

    public Task<BoxSettingsSave> SaveAsync(string section, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        if (_editor is null)
        {
            return Task.FromResult(BoxSettingsSave.Refused(new BoxSettingIssue(null, ReadOnlyReason!)));
        }

        var saved = _editor.Save(section, values);
        lock (_pending)
        {
            _pending.AddRange(saved.Changed.Where(c => !_pending.Contains(c)));
        }

        return Task.FromResult(saved);
    }

    public IReadOnlyList<BoxSettingsSection> Sections() => [Network(), Trunk(), Cloud(), Sip(), Media(), Voicemail()];

    private BoxSettingsSection Network() => new("network", "Network",
    [
        new("SIP (phones and carrier)", Address(settings.SipListen) + " UDP and TCP"),
        new("Web page", "http://" + Address(settings.WebListen) + "/"),
        new("SIP domain and realm", settings.SipDomain),
        new("Data folder", settings.DataDirectory),
        new("Log level", settings.LogLevel),
    ]);

    private BoxSettingsSection Trunk()
    {
        if (settings.Trunk is not { } trunk)
        {
            return new("trunk", "Carrier trunk", [new("Trunk", "not configured: calls come in from loopback only and nothing is forwarded outside")]);
        }

        return new("trunk", "Carrier trunk",
        [
            new("Carrier address", trunk.Target.ToString()),
            new("Carrier domain", trunk.Domain),
            new("Account (number)", trunk.Account),
            new("Registration", trunk.Registers
                ? string.Create(CultureInfo.InvariantCulture, $"registers as {trunk.Username} every {trunk.Expires} s")
                : "none: the carrier knows the box by its address"),
            new("Registration password", trunk.Password is null ? "not set" : "set"),
            new("Caller id of forwards", trunk.CallerId == CallerIdMode.PAssertedIdentity ? "real caller in P-Asserted-Identity, account in From" : "real caller in From"),
            new("Other carrier addresses", trunk.Sources.Count == 0 ? "none" : string.Join(", ", trunk.Sources)),
        ]);
    }

    private BoxSettingsSection Cloud()
    {
        var cloud = settings.Cloud;
        return new("cloud", "Cloud plan sync",
        [
            new("Sync", cloud.Enabled ? "on" : "off (needs a device id, a trusted key and MQTT or a pull URL)"),
            new("Device id", cloud.DeviceId ?? "not set"),
            new("Groups", cloud.Groups.Count == 0 ? "none" : string.Join(", ", cloud.Groups)),
            new("MQTT broker", cloud.Mqtt ?? "not set"),
            new("MQTT user", cloud.Username ?? "not set"),
            new("MQTT password", cloud.Password is null ? "not set" : "set"),
            new("Pull URL", cloud.PullUrl?.ToString() ?? "not set"),
            new("Pull every", string.Create(CultureInfo.InvariantCulture, $"{cloud.PullInterval.TotalMinutes:0} min")),
            new("Trusted plan-signing keys", cloud.TrustedKeys.Count == 0 ? "none" : string.Join(", ", cloud.TrustedKeys.Keys)),
        ]);
    }

    private BoxSettingsSection Sip() => new("sip", "SIP digest and qualify",
    [
        new("Digest algorithms", string.Join(", ", settings.SipDigestAlgorithms.Select(DigestCalculator.Name))
            + (settings.SipDigestAlgorithms.Count > 1 ? " (most preferred first)" : string.Empty)),
        new("Qualify", settings.SipQualifyInterval > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"every {settings.SipQualifyInterval.TotalSeconds:0} s an OPTIONS to each registered phone")
            : "off (no OPTIONS: a phone that stops answering is not noticed)"),
    ]);

    private BoxSettingsSection Media()
    {
        var media = settings.Media;
        var even = media.RtpPorts.EvenPorts().Count();
        return new("media", "Media (RTP and prompts)",
        [
            new("RTP ports", string.Create(CultureInfo.InvariantCulture, $"{SettingsFields.PortRange(media.RtpPorts)} UDP ({even} even ports: about {even / 2} calls at once)")),
            new("Default prompts", media.PromptLanguage switch { "en" => "en (English)", "cmn" => "cmn (Mandarin)", var other => other }),
        ]);
    }

    private BoxSettingsSection Voicemail()
    {
        var voicemail = settings.Voicemail;
        return new("voicemail", "Voicemail",
        [
            new("Access number", voicemail.AccessNumber),
            new("Longest message", string.Create(CultureInfo.InvariantCulture, $"{voicemail.MaxMessageSeconds} s")),
            new("Silence limit", string.Create(CultureInfo.InvariantCulture, $"{voicemail.SilenceSeconds} s")),
            new("Unsolicited MWI", voicemail.UnsolicitedNotify ? "on: every registered phone of a mailbox" : "off: only phones that subscribe"),
        ]);
    }

    private static string Address(ListenAddress address) =>
        address.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address.Address}]:{address.Port}" : $"{address.Address}:{address.Port}";
}
