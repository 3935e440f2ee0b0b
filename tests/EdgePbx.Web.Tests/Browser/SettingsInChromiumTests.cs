using EdgePbx.Daemon.Configuration;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Browser;

/// <summary>
/// The System page's trunk, media and SIP forms in a real Chromium: a wrong value (a carrier address, a reversed RTP
/// port range, a qualify interval of 9999) is refused beside its field with the file untouched; the corrected form
/// is saved to the daemon's settings file, the page says it takes effect on restart, and a reload shows the saved
/// values. Screenshots are saved as test artefacts.
/// </summary>
public sealed class SettingsInChromiumTests
{
    [Fact]
    public async Task Installer_edits_the_trunk_settings_and_sees_them_after_a_reload()
    {
        if (Chromium.MissingReason() is { } reason)
        {
            Console.WriteLine(reason);
            return;
        }

        await using var host = await WebShellHost.StartAsync();
        await using var chromium = await ChromiumSession.FirstRunAsync(host, [400]);
        var page = chromium.Page;
        var before = await File.ReadAllBytesAsync(host.SettingsFile);

        await page.ClickAsync("nav a[href='/system']");
        await page.ClickAsync("#edit-trunk");
        await page.WaitForSelectorAsync("#settings-form");
        Assert.Equal("203.0.113.10:5060", await page.InputValueAsync("#f-trunk-target"));
        Assert.Equal(string.Empty, await page.InputValueAsync("#f-trunk-password"));

        // A host name where an address belongs: refused beside the field, nothing written.
        await page.FillAsync("#f-trunk-target", "sip.carrier.example:5060");
        await page.ClickAsync("#settings-form button[type=submit]");
        await page.WaitForSelectorAsync("#f-trunk-target-problem");
        Assert.Contains("is not an IP address with a port", await page.TextContentAsync("#f-trunk-target-problem"), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(host.SettingsFile));
        await chromium.ShotAsync("settings-trunk-refused");

        await page.FillAsync("#f-trunk-target", "203.0.113.30:5070");
        await page.FillAsync("#f-trunk-expires", "900");
        await page.SelectOptionAsync("#f-trunk-callerId", "from");
        await page.FillAsync("#f-trunk-sources", "203.0.113.31");
        await page.FillAsync("#f-trunk-password", "Carrier-New-Secret-5");
        await page.ClickAsync("#settings-form button[type=submit]");
        await page.WaitForSelectorAsync("#saved");
        Assert.Contains("take effect when the EdgePbx service restarts", await page.TextContentAsync("#saved"), StringComparison.Ordinal);

        await page.ReloadAsync();
        Assert.Equal("203.0.113.30:5070", await page.InputValueAsync("#f-trunk-target"));
        Assert.Equal("900", await page.InputValueAsync("#f-trunk-expires"));
        Assert.Equal("from", await page.InputValueAsync("#f-trunk-callerId"));
        Assert.Equal("203.0.113.31", await page.InputValueAsync("#f-trunk-sources"));
        Assert.Equal(string.Empty, await page.InputValueAsync("#f-trunk-password"));
        Assert.DoesNotContain("Carrier-New-Secret-5", await page.ContentAsync(), StringComparison.Ordinal);
        await chromium.ShotAsync("settings-trunk-saved");

        var trunk = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: host.SettingsFile)).Settings!.Trunk!;
        Assert.Equal("203.0.113.30:5070", trunk.Target.ToString());
        Assert.Equal("Carrier-New-Secret-5", trunk.Password);

        await page.ClickAsync("nav a[href='/system']");
        await page.WaitForSelectorAsync("#pending-restart");
        Assert.Contains("Carrier address", await page.TextContentAsync("#pending-restart"), StringComparison.Ordinal);
        await chromium.ShotAsync("settings-pending-restart");
        Assert.True(chromium.Errors.Count == 0, "console errors: " + string.Join(" | ", chromium.Errors));
    }

    [Fact]
    public async Task Installer_changes_the_rtp_ports_and_the_qualify_interval_and_sees_them_waiting_for_a_restart()
    {
        if (Chromium.MissingReason() is { } reason)
        {
            Console.WriteLine(reason);
            return;
        }

        await using var host = await WebShellHost.StartAsync();
        await using var chromium = await ChromiumSession.FirstRunAsync(host, [400]);
        var page = chromium.Page;
        var before = await File.ReadAllBytesAsync(host.SettingsFile);

        await page.ClickAsync("nav a[href='/system']");
        Assert.Contains("16384-32767 UDP", await page.TextContentAsync("#settings-media"), StringComparison.Ordinal);
        await page.ClickAsync("#edit-media");
        await page.WaitForSelectorAsync("#settings-form");
        // The settings file has no media section: the form shows what the daemon uses without one.
        Assert.Equal("16384-32767", await page.InputValueAsync("#f-media-rtpPorts"));
        Assert.Equal("en", await page.InputValueAsync("#f-media-promptLanguage"));

        // The range typed the wrong way round: the loader's sentence beside the field, nothing written.
        await page.FillAsync("#f-media-rtpPorts", "20198-20000");
        await page.ClickAsync("#settings-form button[type=submit]");
        await page.WaitForSelectorAsync("#f-media-rtpPorts-problem");
        Assert.Equal("'20198-20000' ends below its first port (FIRST-LAST, the lower port first)", await page.TextContentAsync("#f-media-rtpPorts-problem"));
        Assert.Equal("20198-20000", await page.InputValueAsync("#f-media-rtpPorts"));
        Assert.Equal(before, await File.ReadAllBytesAsync(host.SettingsFile));
        await chromium.ShotAsync("settings-media-refused");

        await page.FillAsync("#f-media-rtpPorts", "20000-20199");
        await page.SelectOptionAsync("#f-media-promptLanguage", "cmn");
        await page.ClickAsync("#settings-form button[type=submit]");
        await page.WaitForSelectorAsync("#saved");
        Assert.Contains("take effect when the EdgePbx service restarts", await page.TextContentAsync("#saved"), StringComparison.Ordinal);
        await page.ReloadAsync();
        Assert.Equal("20000-20199", await page.InputValueAsync("#f-media-rtpPorts"));
        Assert.Equal("cmn", await page.InputValueAsync("#f-media-promptLanguage"));

        await page.ClickAsync("nav a[href='/system']");
        await page.ClickAsync("#edit-sip");
        await page.WaitForSelectorAsync("#settings-form");
        Assert.Equal("60", await page.InputValueAsync("#f-sip-qualifySeconds"));
        Assert.Equal("MD5", await page.InputValueAsync("#f-sip-digestAlgorithms"));
        await page.FillAsync("#f-sip-qualifySeconds", "9999");
        await page.ClickAsync("#settings-form button[type=submit]");
        await page.WaitForSelectorAsync("#f-sip-qualifySeconds-problem");
        Assert.Equal("9999 is outside 0..3600 (0 turns OPTIONS qualify off)", await page.TextContentAsync("#f-sip-qualifySeconds-problem"));
        await chromium.ShotAsync("settings-sip-refused");
        await page.FillAsync("#f-sip-qualifySeconds", "30");
        await page.ClickAsync("#settings-form button[type=submit]");
        await page.WaitForSelectorAsync("#saved");

        var loaded = SettingsLoader.Load(new CommandLineOverrides(ConfigFile: host.SettingsFile)).Settings!;
        Assert.Equal(new EdgePbx.Media.Rtp.RtpPortRange(20000, 20199), loaded.Media.RtpPorts);
        Assert.Equal("cmn", loaded.Media.PromptLanguage);
        Assert.Equal(TimeSpan.FromSeconds(30), loaded.SipQualifyInterval);

        await page.ClickAsync("nav a[href='/system']");
        await page.WaitForSelectorAsync("#pending-restart");
        var pending = await page.TextContentAsync("#pending-restart");
        Assert.Contains("RTP ports (calls' audio)", pending, StringComparison.Ordinal);
        Assert.Contains("Language of the default prompts", pending, StringComparison.Ordinal);
        Assert.Contains("Qualify interval (seconds)", pending, StringComparison.Ordinal);
        // In force until the restart: the old range.
        Assert.Contains("16384-32767 UDP", await page.TextContentAsync("#settings-media"), StringComparison.Ordinal);
        await chromium.ShotAsync("settings-media-sip-pending-restart");
        Assert.True(chromium.Errors.Count == 0, "console errors: " + string.Join(" | ", chromium.Errors));
    }
}
