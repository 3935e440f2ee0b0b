using System.Globalization;
using System.Text.Json;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Web.Box;

namespace EdgePbx.Daemon.Web;

/// <summary>
/// Saves the System page's settings forms (<see cref="SettingsFields.Sections"/>) into the settings file. Every value
/// is checked by the same readers the daemon starts with; then the whole new file is loaded as <c>edgepbx run</c>
/// would load it, from a temporary file beside the real one, and only if that loads is it renamed over the old file
/// (atomic on one file system). A refusal of any kind leaves the file as it was. Keys the forms do not cover (the
/// panel, trusted keys, paths) are kept; comments in the file are not (System.Text.Json drops them). In the sip,
/// media and voicemail forms only the keys changed are written, and an emptied key is taken out of the file (the
/// daemon then uses its default), so a key the file left out stays out while the form shows its default.
/// </summary>
public sealed class SettingsFileEditor(string file)
{
    private static readonly string[] TrunkIdentity = ["trunk.target", "trunk.domain", "trunk.account", "trunk.username", "trunk.sources"];

    // Saves are a few kilobytes written once by an installer: one at a time, synchronously.
    private readonly Lock _gate = new();

    public string File { get; } = file;

    /// <summary>The file as saved now, or the sentence saying why it cannot be read.</summary>
    public (SettingsFileModel? Model, string? Error) Read()
    {
        try
        {
            var bytes = System.IO.File.ReadAllBytes(File);
            if (SettingsKeyCheck.FindUnknownKey(bytes) is { } unknown)
            {
                return (null, $"{File}: {unknown}");
            }

            return JsonSerializer.Deserialize(bytes, SettingsJsonContext.Default.SettingsFileModel) is { } model
                ? (model, null)
                : (null, $"{File}: the settings file must hold a JSON object");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return (null, $"{File}: cannot read the settings file: {e.Message}");
        }
    }

    public BoxSettingsSave Save(string section, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        lock (_gate)
        {
            var (model, error) = Read();
            if (model is null)
            {
                return BoxSettingsSave.Refused(new BoxSettingIssue(null, error!));
            }

            var before = SettingsFields.Of(section, model);
            if (before is null)
            {
                return BoxSettingsSave.Refused(new BoxSettingIssue(null, $"'{section}' is not a settings section ({string.Join(", ", SettingsFields.Sections)})"));
            }

            if (values.Keys.FirstOrDefault(k => before.All(f => f.Key != k)) is { } unknown)
            {
                return BoxSettingsSave.Refused(new BoxSettingIssue(null, $"'{unknown}' is not a setting of {section} (known: {string.Join(", ", before.Select(f => f.Key))})"));
            }

            // The text of each field after the change: given, or as saved.
            var text = before.ToDictionary(f => f.Key, f => values.TryGetValue(f.Key, out var v) ? Clean(v, f.Kind) : f.Value, StringComparer.Ordinal);
            var changed = before.Where(f => f.Kind == BoxFieldKind.Secret ? text[f.Key].Length > 0 : text[f.Key] != f.Value).Select(f => f.Label).ToList();
            var issues = new List<BoxSettingIssue>();
            switch (section)
            {
                case "network":
                    Network(model, text, before, issues);
                    break;
                case "trunk":
                    Trunk(model, text, issues);
                    break;
                case "cloud":
                    Cloud(model, text, issues);
                    break;
                case "sip":
                    Sip(model, text, before, issues);
                    break;
                case "media":
                    Media(model, text, before, issues);
                    break;
                default:
                    Voicemail(model, text, before, issues);
                    break;
            }

            if (issues.Count > 0)
            {
                return new BoxSettingsSave(issues, []);
            }

            if (changed.Count == 0)
            {
                return new BoxSettingsSave([], []);
            }

            var problem = Write(model);
            return problem is null ? new BoxSettingsSave([], changed) : BoxSettingsSave.Refused(new BoxSettingIssue(null, problem));
        }
    }

    private static string Clean(string value, BoxFieldKind kind) =>
        kind == BoxFieldKind.Lines
            ? string.Join("\n", value.Split('\n', ',').Select(l => l.Trim()).Where(l => l.Length > 0))
            : kind == BoxFieldKind.Secret ? value : value.Trim();

    private static void Network(SettingsFileModel model, Dictionary<string, string> text, IReadOnlyList<BoxSettingField> before, List<BoxSettingIssue> issues)
    {
        bool Changed(string key) => IsChanged(text, before, key);
        ListenAddress? sip = null;
        ListenAddress? web = null;
        if (!ListenAddress.TryParse(text["sip.listen"], out sip, out var sipError))
        {
            issues.Add(new("sip.listen", sipError));
        }

        if (!ListenAddress.TryParse(text["web.listen"], out web, out var webError))
        {
            issues.Add(new("web.listen", webError));
        }
        else if (sip is { } s && web is { } w && s.Port == w.Port && s.Address.Equals(w.Address))
        {
            issues.Add(new("web.listen", "is the same address as the SIP address (SIP over TCP uses it)"));
        }

        if (!SipDomainRule.IsValid(text["sip.domain"]))
        {
            issues.Add(new("sip.domain", $"'{text["sip.domain"]}' is not a host name (letters, digits, '-' and '.')"));
        }

        if (!Enum.TryParse<Microsoft.Extensions.Logging.LogLevel>(text["logLevel"], ignoreCase: false, out _) || int.TryParse(text["logLevel"], CultureInfo.InvariantCulture, out _))
        {
            issues.Add(new("logLevel", $"'{text["logLevel"]}' is not one of Trace, Debug, Information, Warning, Error, Critical, None"));
        }

        if (Changed("sip.listen") || Changed("sip.domain"))
        {
            model.Sip ??= new SettingsFileModel.SipSection();
            model.Sip.Listen = Changed("sip.listen") ? text["sip.listen"] : model.Sip.Listen;
            model.Sip.Domain = Changed("sip.domain") ? text["sip.domain"] : model.Sip.Domain;
        }

        if (Changed("web.listen"))
        {
            model.Web ??= new SettingsFileModel.ListenerSection();
            model.Web.Listen = text["web.listen"];
        }

        if (Changed("logLevel"))
        {
            model.LogLevel = text["logLevel"];
        }
    }

    private static void Trunk(SettingsFileModel model, Dictionary<string, string> text, List<BoxSettingIssue> issues)
    {
        if (TrunkIdentity.All(k => text[k].Length == 0))
        {
            model.Trunk = null;
            return;
        }

        var username = Optional(text["trunk.username"]);
        var section = new SettingsFileModel.TrunkSection
        {
            Target = Optional(text["trunk.target"]),
            Domain = Optional(text["trunk.domain"]),
            Account = Optional(text["trunk.account"]),
            Username = username,
            // The password goes with its user name: a new one, else the saved one; none without a user name.
            Password = username is null ? null : Optional(text["trunk.password"]) ?? model.Trunk?.Password,
            Expires = Whole(text, "trunk.expires", issues),
            CallerId = Optional(text["trunk.callerId"]),
            Sources = Lines(text["trunk.sources"]),
        };
        issues.AddRange(Beside(TrunkSettingsReader.ReadAll(section).Issues));
        model.Trunk = section;
    }

    private void Cloud(SettingsFileModel model, Dictionary<string, string> text, List<BoxSettingIssue> issues)
    {
        var keys = model.Cloud?.TrustedKeys;
        if (keys is null or { Count: 0 } && text.Where(kv => kv.Key is not ("cloud.pullIntervalSeconds" or "cloud.password")).All(kv => kv.Value.Length == 0))
        {
            model.Cloud = null;
            return;
        }

        var username = Optional(text["cloud.username"]);
        var section = new SettingsFileModel.CloudSection
        {
            DeviceId = Optional(text["cloud.deviceId"]),
            Groups = Lines(text["cloud.groups"]),
            TrustedKeys = keys,
            Mqtt = Optional(text["cloud.mqtt"]),
            Username = username,
            Password = username is null ? null : Optional(text["cloud.password"]) ?? model.Cloud?.Password,
            PullUrl = Optional(text["cloud.pullUrl"]),
            PullIntervalSeconds = Whole(text, "cloud.pullIntervalSeconds", issues),
        };
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(File))!;
        issues.AddRange(Beside(CloudSettingsReader.ReadAll(section, baseDirectory).Issues));
        model.Cloud = section;
    }

    private static void Sip(SettingsFileModel model, Dictionary<string, string> text, IReadOnlyList<BoxSettingField> before, List<BoxSettingIssue> issues)
    {
        var sip = model.Sip ?? new SettingsFileModel.SipSection();
        if (IsChanged(text, before, DigestAlgorithmsReader.Key))
        {
            sip.DigestAlgorithms = Lines(text[DigestAlgorithmsReader.Key]);
        }

        if (IsChanged(text, before, "sip.qualifySeconds"))
        {
            sip.QualifySeconds = Whole(text, "sip.qualifySeconds", issues);
        }

        issues.AddRange(Beside(SipSettingsReader.ReadAll(sip, DaemonSettings.Defaults).Issues));
        model.Sip = sip is { Listen: null, Domain: null, DigestAlgorithms: null, QualifySeconds: null } ? null : sip;
    }

    private static void Media(SettingsFileModel model, Dictionary<string, string> text, IReadOnlyList<BoxSettingField> before, List<BoxSettingIssue> issues)
    {
        var media = model.Media ?? new SettingsFileModel.MediaSection();
        if (IsChanged(text, before, "media.rtpPorts"))
        {
            media.RtpPorts = Optional(text["media.rtpPorts"]);
        }

        if (IsChanged(text, before, "media.promptLanguage"))
        {
            media.PromptLanguage = Optional(text["media.promptLanguage"]);
        }

        issues.AddRange(Beside(MediaSettingsReader.ReadAll(media).Issues));
        model.Media = media is { RtpPorts: null, PromptLanguage: null } ? null : media;
    }

    private static void Voicemail(SettingsFileModel model, Dictionary<string, string> text, IReadOnlyList<BoxSettingField> before, List<BoxSettingIssue> issues)
    {
        var voicemail = model.Voicemail ?? new SettingsFileModel.VoicemailSection();
        if (IsChanged(text, before, "voicemail.accessNumber"))
        {
            voicemail.AccessNumber = Optional(text["voicemail.accessNumber"]);
        }

        if (IsChanged(text, before, "voicemail.maxMessageSeconds"))
        {
            voicemail.MaxMessageSeconds = Whole(text, "voicemail.maxMessageSeconds", issues);
        }

        if (IsChanged(text, before, "voicemail.silenceSeconds"))
        {
            voicemail.SilenceSeconds = Whole(text, "voicemail.silenceSeconds", issues);
        }

        if (IsChanged(text, before, "voicemail.unsolicitedNotify"))
        {
            voicemail.UnsolicitedNotify = YesNo(text, "voicemail.unsolicitedNotify", issues);
        }

        issues.AddRange(Beside(VoicemailSettingsReader.ReadAll(voicemail).Issues));
        model.Voicemail = voicemail is { AccessNumber: null, MaxMessageSeconds: null, SilenceSeconds: null, UnsolicitedNotify: null } ? null : voicemail;
    }

    /// <summary>Writes beside the file, loads that as the daemon will, then renames it over the file; null when done.</summary>
    private string? Write(SettingsFileModel model)
    {
        var full = Path.GetFullPath(File);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.saving");
        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(model, SettingsJsonContext.Default.SettingsFileModel);
            // Created private: the file holds the trunk and MQTT passwords. It gets the old file's mode below.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            var check = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: temporary));
            if (check.Error is { } error)
            {
                return "the settings file would not load after this change, nothing saved: " + error.Replace(temporary, full, StringComparison.Ordinal);
            }

            if (!OperatingSystem.IsWindows())
            {
                System.IO.File.SetUnixFileMode(temporary, System.IO.File.GetUnixFileMode(full));
            }

            System.IO.File.Move(temporary, full, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"the settings file {full} cannot be written, nothing saved: {e.Message}";
        }
        finally
        {
            System.IO.File.Delete(temporary);
        }
    }

    private static bool IsChanged(Dictionary<string, string> text, IReadOnlyList<BoxSettingField> before, string key) => text[key] != before.First(f => f.Key == key).Value;

    /// <summary>A reader's issues beside the form fields they name.</summary>
    private static IEnumerable<BoxSettingIssue> Beside(IReadOnlyList<SettingsIssue> issues) => issues.Select(i => new BoxSettingIssue(i.FieldKey, i.Message));

    private static string? Optional(string text) => text.Length == 0 ? null : text;

    private static List<string>? Lines(string text) => text.Length == 0 ? null : [.. text.Split('\n')];

    private static int? Whole(Dictionary<string, string> text, string key, List<BoxSettingIssue> issues)
    {
        if (text[key].Length == 0)
        {
            return null;
        }

        if (int.TryParse(text[key], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        issues.Add(new(key, $"'{text[key]}' is not a whole number"));
        return null;
    }

    private static bool? YesNo(Dictionary<string, string> text, string key, List<BoxSettingIssue> issues)
    {
        switch (text[key])
        {
            case "":
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                issues.Add(new(key, $"'{text[key]}' is not one of {string.Join(", ", SettingsFields.YesNo)}"));
                return null;
        }
    }
}
