using EdgePbx.Web.Tests.Support;
using Microsoft.Playwright;

namespace EdgePbx.Web.Tests.Browser;

/// <summary>
/// An installer's session in a real Chromium: first-run password, an extension with its phone password, a
/// hunt group and an IVR menu that uses it, a validation error shown next to its field, "explain a call",
/// call records with a CSV download, and the report charts. Screenshots are saved as test artefacts.
/// </summary>
public sealed class InstallerJourneyInChromiumTests
{
    [Fact]
    public async Task Installer_configures_the_box_explains_a_call_and_reads_records_and_reports()
    {
        if (Chromium.MissingReason() is { } reason)
        {
            Console.WriteLine(reason);
            return;
        }
        await using var host = await WebShellHost.StartAsync();
        await SeedCalls.WriteAsync(host);
        await using (var chromium = await ChromiumSession.FirstRunAsync(host, [422]))
        {
            var page = chromium.Page;
            Assert.Equal("1", await page.TextContentAsync("#plan-revision"));

            // An extension with its phone's SIP password and voicemail PIN.
            await page.ClickAsync("nav a[href='/extensions']");
            await page.ClickAsync("#add");
            await page.FillAsync("#f-id", "105");
            await page.FillAsync("#f-name", "Warehouse");
            await page.CheckAsync("#f-voicemail");
            await page.FillAsync("#f-sipPassword", "Phone-105-pass");
            await page.FillAsync("#f-voicemailPin", "2468");
            await page.ClickAsync("#edit button[type=submit]");
            await page.WaitForSelectorAsync("tr[data-id='105']");
            Assert.Equal("set", (await page.TextContentAsync("tr[data-id='105'] td:nth-child(6)"))?.Trim());
            Assert.Equal("Phone-105-pass", host.Phones.FindSipPassword("105"));
            await chromium.ShotAsync("extensions");

            // A hunt group with the new extension...
            await page.GotoAsync(new Uri(host.BaseAddress, "/groups/new").ToString());
            await page.FillAsync("#f-id", "support");
            await page.FillAsync("#f-name", "Support");
            await page.SelectOptionAsync("#f-strategy", "ringAll");
            await page.FillAsync("#f-members", "ext:104\next:105");
            await page.FillAsync("#f-overflow", "voicemail:105");
            await page.ClickAsync("#edit button[type=submit]");
            await page.WaitForSelectorAsync("tr[data-id='support']");

            // ... and an IVR menu that sends key 1 to it.
            await page.GotoAsync(new Uri(host.BaseAddress, "/menus/new").ToString());
            await page.FillAsync("#f-id", "after");
            await page.FillAsync("#f-prompt", "prompts/after-hours.wav");
            await page.FillAsync("#f-options", "1 = group:support\n0 = ext:101");
            await page.ClickAsync("#edit button[type=submit]");
            await page.WaitForSelectorAsync("tr[data-id='after']");
            await chromium.ShotAsync("ivr-menus");
            Assert.Equal(4, host.Revision);
            Assert.Equal("group:support", host.Plan.Current!.Plan.Menus["after"].Options["1"]);

            // A mistake is shown next to the field it is about, and the plan in force stays as it was.
            await page.GotoAsync(new Uri(host.BaseAddress, "/groups/new").ToString());
            await page.FillAsync("#f-id", "typo");
            await page.FillAsync("#f-members", "ext:104\next:1055");
            await page.ClickAsync("#edit button[type=submit]");
            await page.WaitForSelectorAsync("#f-members-problem");
            Assert.Equal("line 2: unknown target \"ext:1055\"", await page.TextContentAsync("#f-members-problem"));
            Assert.Equal("true", await page.GetAttributeAsync("#f-members", "aria-invalid"));
            Assert.Equal(4, host.Revision);
            await chromium.ShotAsync("validation-error");

            // Explain a call.
            await page.ClickAsync("nav a[href='/explain']");
            await page.FillAsync("#f-caller", "13800138000");
            await page.FillAsync("#f-called", "4006123456");
            await page.FillAsync("#f-at", "2026-11-25T10:00");
            await page.ClickAsync("#explain button[type=submit]");
            await page.WaitForSelectorAsync("#steps");
            Assert.Contains("menu main", await page.TextContentAsync("#steps"), StringComparison.Ordinal);
            await chromium.ShotAsync("explain");

            // Call records: search, then the CSV download.
            await page.ClickAsync("nav a[href='/calls']");
            await page.FillAsync("#f-number", "02160001234");
            await page.ClickAsync("#search button[type=submit]");
            await page.WaitForSelectorAsync("#calls tbody tr");
            Assert.Equal(5, await page.Locator("#calls tbody tr").CountAsync());
            await chromium.ShotAsync("call-records");
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
            var csvPath = Chromium.ScreenshotPath("calls").Replace(".png", ".csv", StringComparison.Ordinal);
            await download.SaveAsAsync(csvPath);
            var csv = await File.ReadAllLinesAsync(csvPath);
            Assert.Equal(1 + 5, csv.Count(l => l.Length > 0));
            Assert.All(csv.Skip(1).Where(l => l.Length > 0), l => Assert.Contains("02160001234", l, StringComparison.Ordinal));

            // Reports: the chart has a bar for each day, with the numbers beside it.
            await page.GotoAsync(new Uri(host.BaseAddress, "/reports?from=2026-11-24&to=2026-11-25").ToString());
            await page.WaitForSelectorAsync("#chart-calls");
            Assert.Equal(2, await page.Locator("#chart-calls rect.bar").CountAsync());
            var box = await page.Locator("#chart-calls rect.bar").First.BoundingBoxAsync();
            Assert.True(box is { Height: > 10 }, "the first bar is drawn");
            Assert.Equal("12", await page.TextContentAsync("#total-calls"));
            await chromium.ShotAsync("reports");

            await page.ClickAsync("nav a[href='/system']");
            await page.WaitForSelectorAsync("#history");
            await chromium.ShotAsync("system");
            Assert.True(chromium.Errors.Count == 0, "console errors: " + string.Join(" | ", chromium.Errors));
        }
    }
}
