using System.Globalization;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Daemon.Web;
using EdgePbx.Web.Box;

namespace EdgePbx.Daemon.Tests.Web;

/// <summary>
/// The System page's sip, media and voicemail forms as read from the settings file: each key with the field kind it
/// is edited with, the file's value, or the daemon's default where the file leaves the key out, and a hint that
/// states the allowed values.
/// </summary>
public sealed class SettingsFieldsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-fields-").FullName;

    [Fact]
    public void A_file_without_sip_media_or_voicemail_keys_shows_the_defaults_with_their_field_kinds()
    {
        var file = new SettingsFileModel();

        Assert.Equal(
            [("sip.digestAlgorithms", "MD5", BoxFieldKind.Lines), ("sip.qualifySeconds", "60", BoxFieldKind.Number)],
            Shape(SettingsFields.Of("sip", file)));
        Assert.Equal(
            [("media.rtpPorts", "16384-32767", BoxFieldKind.Text), ("media.promptLanguage", "en", BoxFieldKind.Choice)],
            Shape(SettingsFields.Of("media", file)));
        Assert.Equal(
            [
                ("voicemail.accessNumber", "*97", BoxFieldKind.Text), ("voicemail.maxMessageSeconds", "120", BoxFieldKind.Number),
                ("voicemail.silenceSeconds", "5", BoxFieldKind.Number), ("voicemail.unsolicitedNotify", "false", BoxFieldKind.Choice),
            ],
            Shape(SettingsFields.Of("voicemail", file)));
        Assert.Equal(["en", "cmn"], SettingsFields.Of("media", file)!.Single(f => f.Key == "media.promptLanguage").Choices);
        Assert.Equal(["false", "true"], SettingsFields.Of("voicemail", file)!.Single(f => f.Key == "voicemail.unsolicitedNotify").Choices);
    }

    [Fact]
    public void The_defaults_shown_are_what_the_daemon_uses_when_the_file_leaves_the_keys_out()
    {
        var path = Path.Combine(_dir, "settings.json");
        File.WriteAllText(path, """{ "dataDir": "." }""");
        var loaded = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: path)).Settings!;
        var fields = SettingsFields.Sections.SelectMany(s => SettingsFields.Of(s, new SettingsFileModel())!).ToDictionary(f => f.Key, f => f.Value);

        Assert.Equal(string.Join("\n", loaded.SipDigestAlgorithms.Select(EdgePbx.Sip.Auth.DigestCalculator.Name)), fields["sip.digestAlgorithms"]);
        Assert.Equal(loaded.SipQualifyInterval.TotalSeconds.ToString(CultureInfo.InvariantCulture), fields["sip.qualifySeconds"]);
        Assert.Equal($"{loaded.Media.RtpPorts.First}-{loaded.Media.RtpPorts.Last}", fields["media.rtpPorts"]);
        Assert.Equal(loaded.Media.PromptLanguage, fields["media.promptLanguage"]);
        Assert.Equal(loaded.Voicemail.AccessNumber, fields["voicemail.accessNumber"]);
        Assert.Equal(loaded.Voicemail.MaxMessageSeconds.ToString(CultureInfo.InvariantCulture), fields["voicemail.maxMessageSeconds"]);
        Assert.Equal(loaded.Voicemail.SilenceSeconds.ToString(CultureInfo.InvariantCulture), fields["voicemail.silenceSeconds"]);
        Assert.Equal(loaded.Voicemail.UnsolicitedNotify ? "true" : "false", fields["voicemail.unsolicitedNotify"]);
    }

    [Fact]
    public void Values_the_file_sets_are_shown_as_the_file_spells_them()
    {
        var file = new SettingsFileModel
        {
            Sip = new() { Listen = "0.0.0.0:5060", DigestAlgorithms = ["SHA-256", "MD5"], QualifySeconds = 0 },
            Media = new() { RtpPorts = "20000-20199" },
            Voicemail = new() { AccessNumber = "*86", UnsolicitedNotify = true },
        };

        Assert.Equal(["SHA-256\nMD5", "0"], SettingsFields.Of("sip", file)!.Select(f => f.Value));
        Assert.Equal(["20000-20199", "en"], SettingsFields.Of("media", file)!.Select(f => f.Value));
        Assert.Equal(["*86", "120", "5", "true"], SettingsFields.Of("voicemail", file)!.Select(f => f.Value));
    }

    [Theory]
    [InlineData("sip.digestAlgorithms", "MD5 and/or SHA-256, each once", "most preferred first")]
    [InlineData("sip.qualifySeconds", "0 to 3600", "0 turns qualify off")]
    [InlineData("media.rtpPorts", "within 1024-65535, at least 100 ports", "two even ports per relayed call")]
    [InlineData("media.promptLanguage", "cmn: Mandarin", "en is the default")]
    [InlineData("voicemail.accessNumber", "digits, * and #, at most 16", "*97 (the default)")]
    [InlineData("voicemail.maxMessageSeconds", "5 to 1800", "120 (the default)")]
    [InlineData("voicemail.silenceSeconds", "1 to 60", "5 (the default)")]
    [InlineData("voicemail.unsolicitedNotify", "RFC 3842", "false is the default")]
    public void Each_hint_states_the_allowed_values_and_the_default(string key, string allowed, string meaning)
    {
        var field = SettingsFields.Sections.SelectMany(s => SettingsFields.Of(s, new SettingsFileModel())!).Single(f => f.Key == key);
        Assert.Contains(allowed, field.Hint, StringComparison.Ordinal);
        Assert.Contains(meaning, field.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_field_key_is_a_key_of_the_settings_file()
    {
        foreach (var field in SettingsFields.Sections.SelectMany(s => SettingsFields.Of(s, new SettingsFileModel())!))
        {
            var parts = field.Key.Split('.');
            var json = parts.Length == 1 ? $$"""{ "{{parts[0]}}": null }""" : $$"""{ "{{parts[0]}}": { "{{parts[1]}}": null } }""";
            Assert.Null(SettingsKeyCheck.FindUnknownKey(System.Text.Encoding.UTF8.GetBytes(json)));
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (string Key, string Value, BoxFieldKind Kind)[] Shape(IReadOnlyList<BoxSettingField>? fields) =>
        [.. fields!.Select(f => (f.Key, f.Value, f.Kind))];
}
