using System.Text.Json;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Daemon.Web;
using EdgePbx.Sip.Auth;

namespace EdgePbx.Daemon.Tests.Web;

/// <summary>
/// Saving the System page's sip, media and voicemail forms into a real settings file: only the keys changed are
/// written and the rest of the file is kept; a wrong value is refused beside its field with the very sentence the
/// daemon's loader would stop on, and the file is left byte for byte as it was.
/// </summary>
public sealed class SettingsFileEditorTests : IDisposable
{
    private const string Installed = """
        {
          // An installed box: a trunk, the panel and voicemail set by hand.
          "dataDir": ".",
          "sip": { "listen": "192.0.2.10:5060", "domain": "pbx.example.cn" },
          "trunk": { "target": "203.0.113.10:5060", "domain": "sip.carrier.example", "account": "4006123456" },
          "panel": { "backend": "simulated" },
          "voicemail": { "accessNumber": "*97", "silenceSeconds": 4 },
          "logLevel": "Information"
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("edgepbx-editor-").FullName;

    private string SettingsFile => Path.Combine(_dir, "settings.json");

    [Fact]
    public void A_sip_save_writes_only_the_changed_key_and_keeps_every_other_section()
    {
        var editor = Editor(Installed);

        var saved = editor.Save("sip", new Dictionary<string, string> { ["sip.qualifySeconds"] = "30", ["sip.digestAlgorithms"] = "MD5" });

        Assert.True(saved.Ok);
        Assert.Equal(["Qualify interval (seconds)"], saved.Changed);
        var loaded = Load();
        Assert.Equal(TimeSpan.FromSeconds(30), loaded.SipQualifyInterval);
        Assert.Equal([DigestAlgorithm.Md5], loaded.SipDigestAlgorithms);
        Assert.Equal("192.0.2.10:5060", loaded.SipListen.ToString());
        Assert.Equal("pbx.example.cn", loaded.SipDomain);
        Assert.Equal("203.0.113.10:5060", loaded.Trunk!.Target.ToString());
        Assert.Equal(4, loaded.Voicemail.SilenceSeconds);
        using var written = JsonDocument.Parse(File.ReadAllBytes(SettingsFile));
        var sip = written.RootElement.GetProperty("sip");
        // The digest list the form showed as its default stays out of the file: the daemon's default keeps applying.
        Assert.False(sip.TryGetProperty("digestAlgorithms", out _));
        Assert.Equal("simulated", written.RootElement.GetProperty("panel").GetProperty("backend").GetString());
        Assert.False(written.RootElement.TryGetProperty("media", out _));
    }

    [Theory]
    [InlineData("SHA-256\nMD5")]
    [InlineData("SHA-256, MD5")]
    [InlineData(" SHA-256 \n\n MD5 ")]
    public void Digest_algorithms_are_saved_in_the_order_given_one_per_line_or_comma_separated(string text)
    {
        var saved = Editor(Installed).Save("sip", new Dictionary<string, string> { ["sip.digestAlgorithms"] = text });

        Assert.True(saved.Ok);
        Assert.Equal([DigestAlgorithm.Sha256, DigestAlgorithm.Md5], Load().SipDigestAlgorithms);
    }

    [Fact]
    public void A_media_save_sets_the_rtp_ports_and_the_prompt_language()
    {
        var saved = Editor(Installed).Save("media", new Dictionary<string, string> { ["media.rtpPorts"] = "20000-20199", ["media.promptLanguage"] = "cmn" });

        Assert.True(saved.Ok);
        Assert.Equal(["RTP ports (calls' audio)", "Language of the default prompts"], saved.Changed);
        var media = Load().Media;
        Assert.Equal(new EdgePbx.Media.Rtp.RtpPortRange(20000, 20199), media.RtpPorts);
        Assert.Equal("cmn", media.PromptLanguage);
    }

    [Fact]
    public void A_voicemail_save_keeps_the_keys_not_changed()
    {
        var saved = Editor(Installed).Save("voicemail", new Dictionary<string, string>
        {
            ["voicemail.accessNumber"] = "*86", ["voicemail.maxMessageSeconds"] = "300", ["voicemail.silenceSeconds"] = "4", ["voicemail.unsolicitedNotify"] = "true",
        });

        Assert.True(saved.Ok);
        Assert.Equal(new VoicemailSettings { AccessNumber = "*86", MaxMessageSeconds = 300, SilenceSeconds = 4, UnsolicitedNotify = true }, Load().Voicemail);
    }

    [Fact]
    public void An_emptied_key_is_taken_out_of_the_file_and_the_default_applies_again()
    {
        var editor = Editor("""{ "dataDir": ".", "sip": { "qualifySeconds": 0 }, "media": { "rtpPorts": "20000-20199" } }""");
        Assert.Equal("0", SettingsFields.Of("sip", editor.Read().Model!)!.Single(f => f.Key == "sip.qualifySeconds").Value);

        Assert.True(editor.Save("sip", new Dictionary<string, string> { ["sip.qualifySeconds"] = "" }).Ok);
        Assert.True(editor.Save("media", new Dictionary<string, string> { ["media.rtpPorts"] = "" }).Ok);

        var text = File.ReadAllText(SettingsFile);
        Assert.DoesNotContain("qualifySeconds", text, StringComparison.Ordinal);
        // A section left with no key goes too.
        Assert.DoesNotContain("media", text, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(60), Load().SipQualifyInterval);
        Assert.Equal(new EdgePbx.Media.Rtp.RtpPortRange(16384, 32767), Load().Media.RtpPorts);
        Assert.Equal("60", SettingsFields.Of("sip", editor.Read().Model!)!.Single(f => f.Key == "sip.qualifySeconds").Value);
    }

    [Theory]
    [InlineData("media", "media.rtpPorts", "20100-20000", """{ "media": { "rtpPorts": "20100-20000" } }""")]
    [InlineData("media", "media.rtpPorts", "20000-20050", """{ "media": { "rtpPorts": "20000-20050" } }""")]
    [InlineData("media", "media.rtpPorts", "20001-20999", """{ "media": { "rtpPorts": "20001-20999" } }""")]
    [InlineData("media", "media.rtpPorts", "80-1000", """{ "media": { "rtpPorts": "80-1000" } }""")]
    [InlineData("media", "media.rtpPorts", "all of them", """{ "media": { "rtpPorts": "all of them" } }""")]
    [InlineData("media", "media.promptLanguage", "de", """{ "media": { "promptLanguage": "de" } }""")]
    [InlineData("sip", "sip.qualifySeconds", "9999", """{ "sip": { "qualifySeconds": 9999 } }""")]
    [InlineData("sip", "sip.digestAlgorithms", "MD5, MD5", """{ "sip": { "digestAlgorithms": ["MD5", "MD5"] } }""")]
    [InlineData("sip", "sip.digestAlgorithms", "SHA-512-256", """{ "sip": { "digestAlgorithms": ["SHA-512-256"] } }""")]
    [InlineData("voicemail", "voicemail.accessNumber", "vm", """{ "voicemail": { "accessNumber": "vm" } }""")]
    [InlineData("voicemail", "voicemail.maxMessageSeconds", "2", """{ "voicemail": { "maxMessageSeconds": 2 } }""")]
    [InlineData("voicemail", "voicemail.silenceSeconds", "61", """{ "voicemail": { "silenceSeconds": 61 } }""")]
    public void A_wrong_value_is_refused_beside_its_field_with_the_loaders_sentence_and_the_file_unchanged(string section, string key, string text, string sameInAFile)
    {
        var editor = Editor(Installed);
        var before = File.ReadAllBytes(SettingsFile);

        var saved = editor.Save(section, new Dictionary<string, string> { [key] = text });

        var issue = Assert.Single(saved.Issues);
        Assert.Equal(key, issue.Key);
        Assert.Empty(saved.Changed);
        Assert.Equal(before, File.ReadAllBytes(SettingsFile));
        // The same value written into a file by hand stops the daemon with the same sentence.
        var file = Path.Combine(_dir, "by-hand.json");
        File.WriteAllText(file, sameInAFile);
        var loaded = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: file, DataDirectory: _dir));
        Assert.Equal($"{file}: {key}: {issue.Message}", loaded.Error);
    }

    [Fact]
    public void Every_wrong_field_of_a_form_is_named_at_once()
    {
        var saved = Editor(Installed).Save("voicemail", new Dictionary<string, string>
        {
            ["voicemail.accessNumber"] = "vm", ["voicemail.maxMessageSeconds"] = "2", ["voicemail.silenceSeconds"] = "soon", ["voicemail.unsolicitedNotify"] = "yes",
        });

        Assert.Equal(
            [
                ("voicemail.silenceSeconds", "'soon' is not a whole number"),
                ("voicemail.unsolicitedNotify", "'yes' is not one of false, true"),
                ("voicemail.accessNumber", "'vm' is not a dialable code (digits, '*' and '#', e.g. *97)"),
                ("voicemail.maxMessageSeconds", "2 is outside 5..1800"),
            ],
            saved.Issues.Select(i => (i.Key!, i.Message)));
    }

    [Fact]
    public void Saving_what_the_form_shows_changes_nothing()
    {
        var editor = Editor(Installed);
        var before = File.ReadAllBytes(SettingsFile);
        foreach (var section in new[] { "sip", "media", "voicemail" })
        {
            var shown = SettingsFields.Of(section, editor.Read().Model!)!.ToDictionary(f => f.Key, f => f.Value);
            var saved = editor.Save(section, shown);
            Assert.True(saved.Ok);
            Assert.Empty(saved.Changed);
        }

        Assert.Equal(before, File.ReadAllBytes(SettingsFile));
    }

    [Fact]
    public void A_file_with_an_unknown_key_is_not_saved_over()
    {
        var editor = Editor("""{ "dataDir": ".", "media": { "rtp": "16384-32767" } }""");
        var before = File.ReadAllBytes(SettingsFile);

        var saved = editor.Save("media", new Dictionary<string, string> { ["media.rtpPorts"] = "20000-20199" });

        var issue = Assert.Single(saved.Issues);
        Assert.Null(issue.Key);
        Assert.Contains("unknown key 'media.rtp'", issue.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(SettingsFile));
    }

    [Fact]
    public void A_section_that_is_not_a_form_is_refused_naming_the_forms()
    {
        var saved = Editor(Installed).Save("firewall", new Dictionary<string, string>());

        Assert.Equal("'firewall' is not a settings section (network, trunk, cloud, sip, media, voicemail)", Assert.Single(saved.Issues).Message);
    }

    [Fact]
    public async Task A_save_through_the_box_settings_waits_for_a_restart()
    {
        Editor(Installed);
        var box = new DaemonBoxSettings(DaemonSettings.Defaults with { SettingsFile = SettingsFile });

        var saved = await box.SaveAsync("media", new Dictionary<string, string> { ["media.rtpPorts"] = "20000-20199" }, CancellationToken.None);

        Assert.True(saved.Ok);
        Assert.Equal(["RTP ports (calls' audio)"], box.PendingRestart);
        Assert.Equal("20000-20199", box.Fields("media")!.Single(f => f.Key == "media.rtpPorts").Value);
        // What is in force is still the old range until the restart.
        Assert.Contains(new EdgePbx.Web.Box.BoxSetting("RTP ports", "16384-32767 UDP (8192 even ports: about 4096 calls at once)"), box.Sections().Single(s => s.Id == "media").Settings);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private SettingsFileEditor Editor(string json)
    {
        File.WriteAllText(SettingsFile, json);
        return new SettingsFileEditor(SettingsFile);
    }

    private DaemonSettings Load()
    {
        var loaded = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: SettingsFile));
        Assert.Null(loaded.Error);
        return loaded.Settings!;
    }
}
