using System.Net;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Daemon.Web;
using EdgePbx.Web.Box;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Daemon.Tests.Web;

/// <summary>What the System page is shown of the daemon's settings: the values in force, never a secret.</summary>
public sealed class DaemonBoxSettingsTests
{
    private const string TrunkPassword = "Trunk-Pa55-secret";
    private const string MqttPassword = "Mqtt-Pa55-secret";

    [Fact]
    public void Network_trunk_and_cloud_are_shown_with_passwords_as_set_only()
    {
        var settings = new DaemonSettings
        {
            SipListen = new ListenAddress(IPAddress.Parse("192.0.2.10"), 5060),
            SettingsFile = "/etc/edgepbx/settings.json",
            Trunk = new TrunkSettings
            {
                Target = new IPEndPoint(IPAddress.Parse("203.0.113.10"), 5060),
                Domain = "sip.carrier.example",
                Account = "4006123456",
                Username = "4006123456",
                Password = TrunkPassword,
            },
            Cloud = new CloudSettings { DeviceId = "box-7", Mqtt = "mqtts://cloud.example:8883", Username = "box-7", Password = MqttPassword },
        };

        var shown = new DaemonBoxSettings(settings);
        var sections = shown.Sections();

        Assert.Equal(["network", "trunk", "cloud", "sip", "media", "voicemail"], sections.Select(s => s.Id));
        Assert.Equal("/etc/edgepbx/settings.json", shown.Source);
        Assert.Contains(new BoxSetting("SIP (phones and carrier)", "192.0.2.10:5060 UDP and TCP"), sections[0].Settings);
        Assert.Contains(new BoxSetting("Carrier address", "203.0.113.10:5060"), sections[1].Settings);
        Assert.Contains(new BoxSetting("Registration", "registers as 4006123456 every 300 s"), sections[1].Settings);
        Assert.Contains(new BoxSetting("Registration password", "set"), sections[1].Settings);
        Assert.Contains(new BoxSetting("MQTT password", "set"), sections[2].Settings);
        Assert.All(sections.SelectMany(s => s.Settings), s =>
        {
            Assert.DoesNotContain(TrunkPassword, s.Value, StringComparison.Ordinal);
            Assert.DoesNotContain(MqttPassword, s.Value, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Sip_media_and_voicemail_in_force_are_shown_with_their_defaults()
    {
        var sections = new DaemonBoxSettings(DaemonSettings.Defaults).Sections();

        Assert.Equal(
            [new("Digest algorithms", "MD5"), new("Qualify", "every 60 s an OPTIONS to each registered phone")],
            sections.Single(s => s.Id == "sip").Settings);
        Assert.Equal(
            [new("RTP ports", "16384-32767 UDP (8192 even ports: about 4096 calls at once)"), new("Default prompts", "en (English)")],
            sections.Single(s => s.Id == "media").Settings);
        Assert.Equal(
            [
                new("Access number", "*97"), new("Longest message", "120 s"), new("Silence limit", "5 s"),
                new("Unsolicited MWI", "off: only phones that subscribe"),
            ],
            sections.Single(s => s.Id == "voicemail").Settings);
    }

    [Fact]
    public void Sip_media_and_voicemail_in_force_are_shown_as_the_file_set_them()
    {
        var settings = DaemonSettings.Defaults with
        {
            SipDigestAlgorithms = [EdgePbx.Sip.Auth.DigestAlgorithm.Sha256, EdgePbx.Sip.Auth.DigestAlgorithm.Md5],
            SipQualifyInterval = TimeSpan.Zero,
            Media = new MediaSettings { RtpPorts = new EdgePbx.Media.Rtp.RtpPortRange(20000, 20199), PromptLanguage = "cmn" },
            Voicemail = new VoicemailSettings { AccessNumber = "*86", MaxMessageSeconds = 300, SilenceSeconds = 8, UnsolicitedNotify = true },
        };

        var sections = new DaemonBoxSettings(settings).Sections();

        var sip = sections.Single(s => s.Id == "sip").Settings;
        Assert.Contains(new BoxSetting("Digest algorithms", "SHA-256, MD5 (most preferred first)"), sip);
        Assert.Contains(new BoxSetting("Qualify", "off (no OPTIONS: a phone that stops answering is not noticed)"), sip);
        var media = sections.Single(s => s.Id == "media").Settings;
        Assert.Contains(new BoxSetting("RTP ports", "20000-20199 UDP (100 even ports: about 50 calls at once)"), media);
        Assert.Contains(new BoxSetting("Default prompts", "cmn (Mandarin)"), media);
        var voicemail = sections.Single(s => s.Id == "voicemail").Settings;
        Assert.Contains(new BoxSetting("Access number", "*86"), voicemail);
        Assert.Contains(new BoxSetting("Longest message", "300 s"), voicemail);
        Assert.Contains(new BoxSetting("Unsolicited MWI", "on: every registered phone of a mailbox"), voicemail);
    }

    [Fact]
    public void A_box_without_a_trunk_says_so()
    {
        var trunk = new DaemonBoxSettings(DaemonSettings.Defaults).Sections().Single(s => s.Id == "trunk");
        Assert.StartsWith("not configured", Assert.Single(trunk.Settings).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_systemd_restarting_is_refused_with_a_sentence()
    {
        if (Environment.GetEnvironmentVariable("INVOCATION_ID") is not null)
        {
            // Under systemd this would really ask systemctl; the refusal path is what can be tested safely.
            Console.WriteLine("INVOCATION_ID is set: running under systemd, restart refusal test skipped");
            return;
        }

        var control = new SystemdBoxControl(NullLogger<SystemdBoxControl>.Instance);
        Assert.Contains("not started by systemd", await control.RestartAsync(BoxRestart.Machine, CancellationToken.None), StringComparison.Ordinal);
    }
}
