using System.Net;
using System.Text;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Box;

/// <summary>
/// The System page's network, trunk and cloud forms over the daemon's real settings file: a save is checked by the
/// daemon's own readers, written atomically, audited and reported as taking effect on restart; a refusal names
/// every wrong field and leaves the file byte for byte as it was; a password is written, never read back.
/// </summary>
public sealed class SettingsFormsTests
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_trunk_save_rewrites_the_settings_file_keeps_the_password_and_is_audited_as_waiting_for_a_restart()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            File.SetUnixFileMode(host.SettingsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            var form = await browser.GetStringAsync(new Uri("/system/settings/trunk", UriKind.Relative));
            Assert.Contains("value=\"203.0.113.10:5060\"", form, StringComparison.Ordinal);
            Assert.Contains("A password is saved.", form, StringComparison.Ordinal);
            Assert.DoesNotContain(WebShellHost.TrunkPassword, form, StringComparison.Ordinal);

            var saved = await browser.PostAsync(new Uri("/system/settings/trunk", UriKind.Relative), WebShellHost.Form(
                ("csrf", csrf), ("trunk.target", "203.0.113.20:5080"), ("trunk.domain", "sip.carrier.example"), ("trunk.account", "4006123456"),
                ("trunk.username", "4006123456"), ("trunk.password", ""), ("trunk.expires", "600"), ("trunk.callerId", "from"), ("trunk.sources", "203.0.113.21\n203.0.113.22")));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal("/system/settings/trunk?saved=1", saved.Headers.Location?.OriginalString);

            // The file loads as the daemon loads it at start, with the new values and the old password; the rest is kept.
            var loaded = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: host.SettingsFile));
            Assert.Null(loaded.Error);
            var trunk = loaded.Settings!.Trunk!;
            Assert.Equal(IPEndPoint.Parse("203.0.113.20:5080"), trunk.Target);
            Assert.Equal(600, trunk.Expires);
            Assert.Equal(EdgePbx.Switchboard.Options.CallerIdMode.From, trunk.CallerId);
            Assert.Equal([IPAddress.Parse("203.0.113.21"), IPAddress.Parse("203.0.113.22")], trunk.Sources);
            Assert.Equal(WebShellHost.TrunkPassword, trunk.Password);
            Assert.Equal("pbx.example.cn", loaded.Settings.SipDomain);
            Assert.Equal("*97", loaded.Settings.Voicemail.AccessNumber);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(host.SettingsFile));
            Assert.Empty(Directory.GetFiles(host.DataDir, "*.saving"));

            var entry = host.Audit.Recent(1)[0];
            Assert.Equal("settings.saved", entry.Action);
            Assert.Equal("installer", entry.Actor);
            Assert.Equal("trunk: Carrier address, Registration interval (seconds), Caller id of forwards, Other carrier addresses (take effect on restart)", entry.Detail);

            var after = await browser.GetStringAsync(new Uri("/system/settings/trunk?saved=1", UriKind.Relative));
            Assert.Contains("They take effect when the EdgePbx service restarts", after, StringComparison.Ordinal);
            Assert.Contains("value=\"203.0.113.20:5080\"", after, StringComparison.Ordinal);
            var system = await browser.GetStringAsync(new Uri("/system", UriKind.Relative));
            Assert.Contains("id=\"pending-restart\"", system, StringComparison.Ordinal);
            Assert.Contains("Carrier address", system, StringComparison.Ordinal);
            // The System page's cards still show what is in force until the restart.
            Assert.Contains("<dt>Carrier address</dt><dd>203.0.113.10:5060</dd>", system, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_refused_trunk_save_names_every_wrong_field_and_leaves_the_file_untouched()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var before = await File.ReadAllBytesAsync(host.SettingsFile);
            var audits = host.Audit.Recent(1000).Length;
            var refused = await browser.PostAsync(new Uri("/system/settings/trunk", UriKind.Relative), WebShellHost.Form(
                ("csrf", csrf), ("trunk.target", "carrier.example"), ("trunk.domain", "sip carrier"), ("trunk.account", "400-612"),
                ("trunk.expires", "5"), ("trunk.callerId", "display"), ("trunk.sources", "10.0.0.300"), ("trunk.password", "New-Secret-77")));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await refused.Content.ReadAsStringAsync();
            foreach (var field in new[] { "trunk-target", "trunk-domain", "trunk-account", "trunk-expires", "trunk-callerId", "trunk-sources" })
            {
                Assert.Contains($"id=\"f-{field}-problem\"", page, StringComparison.Ordinal);
            }

            Assert.Contains("carrier.example&#x27; is not an IP address with a port", page, StringComparison.Ordinal);
            // What was typed comes back (so nothing is lost), except the password.
            Assert.Contains("value=\"carrier.example\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("New-Secret-77", page, StringComparison.Ordinal);
            Assert.Equal(before, await File.ReadAllBytesAsync(host.SettingsFile));
            Assert.Equal(audits, host.Audit.Recent(1000).Length);
        }
    }

    [Fact]
    public async Task Network_save_refuses_the_web_page_on_the_sip_address_and_a_wrong_log_level_beside_their_fields()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var before = await File.ReadAllBytesAsync(host.SettingsFile);
            var refused = await browser.PostAsync(new Uri("/system/settings/network", UriKind.Relative), WebShellHost.Form(
                ("csrf", csrf), ("sip.listen", "192.0.2.10:5060"), ("web.listen", "192.0.2.10:5060"), ("sip.domain", "pbx_example"), ("logLevel", "Loud")));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await refused.Content.ReadAsStringAsync();
            Assert.Contains("id=\"f-web-listen-problem\">is the same address as the SIP address", page, StringComparison.Ordinal);
            Assert.Contains("id=\"f-sip-domain-problem\"", page, StringComparison.Ordinal);
            Assert.Contains("id=\"f-logLevel-problem\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"f-sip-listen-problem\"", page, StringComparison.Ordinal);
            Assert.Equal(before, await File.ReadAllBytesAsync(host.SettingsFile));
        }
    }

    [Fact]
    public async Task The_api_saves_only_the_keys_given_refuses_unknown_ones_and_never_returns_a_password()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            HttpRequestMessage Put(string section, string body) => new(HttpMethod.Put, new Uri($"/api/system/settings/{section}", UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
                Headers = { { "X-CSRF-Token", csrf } },
            };

            var read = await browser.GetStringAsync(new Uri("/api/system/settings/trunk", UriKind.Relative));
            Assert.Contains("{\"key\":\"trunk.password\",\"label\":\"Registration password\",\"kind\":\"secret\",\"set\":true}", read, StringComparison.Ordinal);
            Assert.DoesNotContain(WebShellHost.TrunkPassword, read, StringComparison.Ordinal);

            using var ok = await browser.SendAsync(Put("network", "{\"logLevel\":\"Debug\"}"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("{\"ok\":true,\"changed\":[\"Log level\"],\"restartNeeded\":true,\"issues\":[]}", await ok.Content.ReadAsStringAsync());
            var loaded = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: host.SettingsFile)).Settings!;
            Assert.Equal("Debug", loaded.LogLevel);
            Assert.Equal("192.0.2.10", loaded.SipListen.Address.ToString());

            var before = await File.ReadAllBytesAsync(host.SettingsFile);
            using var unknown = await browser.SendAsync(Put("network", "{\"sip.lisen\":\"0.0.0.0:5060\"}"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
            Assert.Contains("sip.lisen\\u0027 is not a setting of network", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var wrong = await browser.SendAsync(Put("cloud", "{\"cloud.deviceId\":\"box-7\",\"cloud.mqtt\":\"mqtt://broker.example:1883\"}"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
            Assert.Contains("{\"field\":\"cloud.deviceId\",\"message\":\"set deviceId, trustedKeys and mqtt or pullUrl together (or none of them)\"}", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var missing = await browser.SendAsync(Put("firewall", "{}"));
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal(before, await File.ReadAllBytesAsync(host.SettingsFile));
        }
    }

    [Fact]
    public async Task Clearing_the_user_name_makes_an_ip_authenticated_trunk_and_clearing_everything_removes_it()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var ip = await browser.PostAsync(new Uri("/system/settings/trunk", UriKind.Relative), WebShellHost.Form(("csrf", csrf), ("trunk.username", "")));
            Assert.Equal(HttpStatusCode.Redirect, ip.StatusCode);
            var trunk = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: host.SettingsFile)).Settings!.Trunk!;
            Assert.False(trunk.Registers);
            Assert.Null(trunk.Password);
            Assert.DoesNotContain(WebShellHost.TrunkPassword, await File.ReadAllTextAsync(host.SettingsFile), StringComparison.Ordinal);

            var none = await browser.PostAsync(new Uri("/system/settings/trunk", UriKind.Relative), WebShellHost.Form(
                ("csrf", csrf), ("trunk.target", ""), ("trunk.domain", ""), ("trunk.account", ""), ("trunk.username", ""), ("trunk.sources", "")));
            Assert.Equal(HttpStatusCode.Redirect, none.StatusCode);
            Assert.Null(SettingsLoader.Load(new CommandLineOverrides(ConfigFile: host.SettingsFile)).Settings!.Trunk);
        }
    }
}
