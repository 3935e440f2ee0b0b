using EdgePbx.Web.Tests.Support;
using Microsoft.Playwright;

namespace EdgePbx.Web.Tests.Browser;

/// <summary>The installer's first minutes with the box, in a real Chromium.</summary>
public sealed class FirstRunInChromiumTests
{
    [Fact]
    public async Task Installer_sets_the_first_password_sees_the_dashboard_logs_out_and_back_in()
    {
        if (Chromium.MissingReason() is { } reason)
        {
            Console.WriteLine(reason);
            return;
        }
        await using var host = await WebShellHost.StartAsync();
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(host.BaseAddress.ToString());
            Assert.EndsWith("/setup", page.Url, StringComparison.Ordinal);

            // A weak password is refused with the reason beside the field.
            await page.FillAsync("#user", "installer");
            await page.FillAsync("#password", "short");
            await page.FillAsync("#confirm", "short");
            await page.ClickAsync("button[type=submit]");
            Assert.Equal("Use at least 10 characters.", await page.TextContentAsync("#password-problem"));

            await page.FillAsync("#password", "correct horse battery");
            await page.FillAsync("#confirm", "correct horse battery");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForSelectorAsync("#checks");
            Assert.Equal("Dashboard · EdgePbx", await page.TitleAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.ScreenshotPath("dashboard-first-run"), FullPage = true });

            await page.ClickAsync("header form.logout button");
            Assert.EndsWith("/login", page.Url, StringComparison.Ordinal);
            await page.FillAsync("#user", "installer");
            await page.FillAsync("#password", "correct horse battery");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForSelectorAsync("#box");
        }
    }
}
