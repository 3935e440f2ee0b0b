using System.Net;
using System.Text;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Box;

/// <summary>
/// The System page's settings forms (network, trunk, cloud, sip, media, voicemail) over the daemon's real settings file: a save is checked by the
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

    [Fact]
    public async Task The_sip_media_and_voicemail_forms_show_the_defaults_the_file_leaves_out_and_the_system_page_shows_them_in_force()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var system = await browser.GetStringAsync(new Uri("/system", UriKind.Relative));
            foreach (var section in new[] { "sip", "media", "voicemail" })
            {
                Assert.Contains($"id=\"settings-{section}\"", system, StringComparison.Ordinal);
                Assert.Contains($"href=\"/system/settings/{section}\" id=\"edit-{section}\"", system, StringComparison.Ordinal);
            }

            Assert.Contains("<dt>RTP ports</dt><dd>16384-32767 UDP (8192 even ports: about 4096 calls at once)</dd>", system, StringComparison.Ordinal);
            Assert.Contains("<dt>Qualify</dt><dd>every 60 s an OPTIONS to each registered phone</dd>", system, StringComparison.Ordinal);

            var media = await browser.GetStringAsync(new Uri("/system/settings/media", UriKind.Relative));
            Assert.Contains("<title>Media (RTP and prompts) settings", media, StringComparison.Ordinal);
            Assert.Contains("id=\"f-media-rtpPorts\" name=\"media.rtpPorts\" type=\"text\" value=\"16384-32767\"", media, StringComparison.Ordinal);
            Assert.Contains("at least 100 ports", media, StringComparison.Ordinal);
            Assert.Contains("<option value=\"en\" selected>en</option><option value=\"cmn\">cmn</option>", media, StringComparison.Ordinal);
            // A choice's hint is shown too.
            Assert.Contains("en: English, cmn: Mandarin", media, StringComparison.Ordinal);

            var sip = await browser.GetStringAsync(new Uri("/system/settings/sip", UriKind.Relative));
            Assert.Contains("<textarea id=\"f-sip-digestAlgorithms\" name=\"sip.digestAlgorithms\" rows=\"3\">MD5</textarea>", sip, StringComparison.Ordinal);
            Assert.Contains("id=\"f-sip-qualifySeconds\" name=\"sip.qualifySeconds\" type=\"number\" value=\"60\"", sip, StringComparison.Ordinal);

            var voicemail = await browser.GetStringAsync(new Uri("/api/system/settings/voicemail", UriKind.Relative));
            Assert.Contains("{\"key\":\"voicemail.accessNumber\",\"label\":\"Voicemail access number\",\"kind\":\"text\",\"value\":\"*97\"}", voicemail, StringComparison.Ordinal);
            Assert.Contains("{\"key\":\"voicemail.unsolicitedNotify\",\"label\":\"Message-waiting to phones that do not subscribe\",\"kind\":\"choice\",\"value\":\"false\",\"choices\":[\"false\",\"true\"]}", voicemail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_media_save_is_refused_with_the_loaders_sentence_beside_the_field_then_saved_and_waits_for_a_restart()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var before = await File.ReadAllBytesAsync(host.SettingsFile);
            var refused = await browser.PostAsync(new Uri("/system/settings/media", UriKind.Relative), WebShellHost.Form(
                ("csrf", csrf), ("media.rtpPorts", "20000-20050"), ("media.promptLanguage", "cmn")));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = await refused.Content.ReadAsStringAsync();
            Assert.Contains("id=\"f-media-rtpPorts-problem\">&#x27;20000-20050&#x27; holds 51 ports, fewer than 100 (two even ports per relayed call)</p>", page, StringComparison.Ordinal);
            Assert.Contains("value=\"20000-20050\"", page, StringComparison.Ordinal);
            Assert.Equal(before, await File.ReadAllBytesAsync(host.SettingsFile));

            var saved = await browser.PostAsync(new Uri("/system/settings/media", UriKind.Relative), WebShellHost.Form(
                ("csrf", csrf), ("media.rtpPorts", "20000-20199"), ("media.promptLanguage", "cmn")));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            var loaded = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: host.SettingsFile)).Settings!;
            Assert.Equal(new EdgePbx.Media.Rtp.RtpPortRange(20000, 20199), loaded.Media.RtpPorts);
            Assert.Equal("cmn", loaded.Media.PromptLanguage);
            Assert.Equal("*97", loaded.Voicemail.AccessNumber);
            Assert.Equal(WebShellHost.TrunkPassword, loaded.Trunk!.Password);
            Assert.Equal("media: RTP ports (calls' audio), Language of the default prompts (take effect on restart)", host.Audit.Recent(1)[0].Detail);

            var system = await browser.GetStringAsync(new Uri("/system", UriKind.Relative));
            Assert.Contains("id=\"pending-restart\"", system, StringComparison.Ordinal);
            Assert.Contains("RTP ports (calls&#x27; audio)", system, StringComparison.Ordinal);
            Assert.Contains("<dt>RTP ports</dt><dd>16384-32767 UDP", system, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_api_refuses_a_qualify_of_9999_and_a_digest_named_twice_and_saves_a_good_sip_form()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            HttpRequestMessage Put(string body) => new(HttpMethod.Put, new Uri("/api/system/settings/sip", UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
                Headers = { { "X-CSRF-Token", csrf } },
            };

            var before = await File.ReadAllBytesAsync(host.SettingsFile);
            using var wrong = await browser.SendAsync(Put("{\"sip.qualifySeconds\":\"9999\",\"sip.digestAlgorithms\":\"MD5, MD5\"}"));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
            var body = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("{\"field\":\"sip.qualifySeconds\",\"message\":\"9999 is outside 0..3600 (0 turns OPTIONS qualify off)\"}", body, StringComparison.Ordinal);
            Assert.Contains("{\"field\":\"sip.digestAlgorithms\",\"message\":\"\\u0027MD5\\u0027 is named twice\"}", body, StringComparison.Ordinal);
            Assert.Equal(before, await File.ReadAllBytesAsync(host.SettingsFile));

            using var ok = await browser.SendAsync(Put("{\"sip.qualifySeconds\":\"0\",\"sip.digestAlgorithms\":\"SHA-256\\nMD5\"}"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            var loaded = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: host.SettingsFile)).Settings!;
            Assert.Equal(TimeSpan.Zero, loaded.SipQualifyInterval);
            Assert.Equal([EdgePbx.Sip.Auth.DigestAlgorithm.Sha256, EdgePbx.Sip.Auth.DigestAlgorithm.Md5], loaded.SipDigestAlgorithms);
            // The network keys of the same "sip" object are kept.
            Assert.Equal("192.0.2.10:5060", loaded.SipListen.ToString());
            Assert.Equal("pbx.example.cn", loaded.SipDomain);
        }
    }
}
