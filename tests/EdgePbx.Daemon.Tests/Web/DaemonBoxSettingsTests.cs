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

        Assert.Equal(["network", "trunk", "cloud"], sections.Select(s => s.Id));
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
