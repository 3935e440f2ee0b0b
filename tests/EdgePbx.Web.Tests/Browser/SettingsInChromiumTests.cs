using EdgePbx.Daemon.Configuration;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Browser;

/// <summary>
/// The System page's trunk form in a real Chromium: a wrong carrier address is refused beside its field with the
/// file untouched; the corrected form is saved to the daemon's settings file, the page says it takes effect on
/// restart, and a reload shows the saved values. Screenshots are saved as test artefacts.
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
}
