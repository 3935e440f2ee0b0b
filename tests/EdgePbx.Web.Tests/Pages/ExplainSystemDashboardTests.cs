using System.Net;
using System.Text;
using System.Text.Json;
using EdgePbx.Storage.Plans;
using EdgePbx.Web.Status;
using EdgePbx.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgePbx.Web.Tests.Pages;

public sealed class ExplainSystemDashboardTests
{
    [Fact]
    public async Task Explain_shows_the_menu_in_business_hours_and_voicemail_after_hours()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var open = await browser.GetStringAsync(new Uri("/explain?caller=13800138000&called=4006123456&at=2026-11-25T10:00", UriKind.Relative));
            Assert.Contains("id=\"steps\"", open, StringComparison.Ordinal);
            Assert.Contains("menu main", open, StringComparison.Ordinal);

            var closed = await browser.GetStringAsync(new Uri("/explain?caller=13800138000&called=4006123456&at=2026-11-25T20:00", UriKind.Relative));
            Assert.Contains("voicemail box 101", closed, StringComparison.Ordinal);
            Assert.DoesNotContain("menu main:", closed, StringComparison.Ordinal);

            var bad = await browser.GetAsync(new Uri("/explain?caller=&called=4006123456&at=noon", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var html = await bad.Content.ReadAsStringAsync();
            Assert.Contains("id=\"f-caller-problem\"", html, StringComparison.Ordinal);
            Assert.Contains("id=\"f-at-problem\"", html, StringComparison.Ordinal);

            using var api = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/explain?caller=13800138000&called=4006123456&at=2026-11-25T10:00:00%2B08:00", UriKind.Relative)));
            Assert.False(api.RootElement.GetProperty("rejected").GetBoolean());
            Assert.Contains("menu main", api.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task System_restores_an_older_plan_as_a_new_revision_and_refuses_a_roll_back_without_a_known_good_plan()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var firstId = host.Services.GetRequiredService<PlanHistory>().Current()!.Id;
            await browser.PostAsync(new Uri("/extensions/save", UriKind.Relative), WebShellHost.Form(("csrf", csrf), ("id", "106"), ("ringSeconds", "20")));
            Assert.True(host.Plan.Current!.Plan.Extensions.ContainsKey("106"));

            var page = await browser.GetStringAsync(new Uri("/system", UriKind.Relative));
            Assert.Contains("<dd id=\"plan-revision\">2</dd>", page, StringComparison.Ordinal);
            Assert.Contains("extension 106 saved (revision 2)", page, StringComparison.Ordinal);

            var rollback = await browser.PostAsync(new Uri("/system/plan/rollback", UriKind.Relative), WebShellHost.Form(("csrf", csrf)));
            Assert.Equal(HttpStatusCode.Conflict, rollback.StatusCode);
            Assert.Equal(2, host.Revision);

            var restore = await browser.PostAsync(new Uri($"/system/plan/{firstId}/restore", UriKind.Relative), WebShellHost.Form(("csrf", csrf)));
            Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
            Assert.Equal(3, host.Revision);
            Assert.False(host.Plan.Current!.Plan.Extensions.ContainsKey("106"));

            // Known-good marking is the engine's; once it marks revision 1, roll back works.
            await host.Services.GetRequiredService<PlanHistory>().MarkLastKnownGoodAsync(firstId);
            var api = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri("/api/plan/rollback", UriKind.Relative))
            {
                Content = new StringContent("{}", Encoding.UTF8, "application/json"),
                Headers = { { "X-CSRF-Token", csrf } },
            });
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Equal(1, host.Revision);
        }
    }

    [Fact]
    public async Task Backup_download_is_an_archive_led_by_the_whole_sqlite_database_and_is_audited()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await browser.PostAsync(new Uri("/system/backup", UriKind.Relative), WebShellHost.Form(("csrf", csrf)));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/x-tar", response.Content.Headers.ContentType!.MediaType);
            using var reader = new System.Formats.Tar.TarReader(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            var database = reader.GetNextEntry(copyData: true)!;
            Assert.Equal("edgepbx.db", database.Name);
            var bytes = new byte[16];
            database.DataStream!.ReadExactly(bytes);
            Assert.Equal("SQLite format 3\0", Encoding.ASCII.GetString(bytes, 0, 16));
            Assert.Contains(host.Audit.Recent(5), e => e.Action == "box.backup-downloaded" && e.Actor == "installer");
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(host.Database.FilePath)!, "web-backup-*"));
        }
    }

    [Fact]
    public async Task Dashboard_shows_plan_revision_registered_phones_and_unknown_engine_state_as_not_reported()
    {
        await using var host = await WebShellHost.StartAsync();
        await new EdgePbx.Storage.Registrar.BindingStore(host.Database).SaveAsync(new("sip:101@box", "sip:101@10.0.0.5", "c1", 1, WebShellHost.Start.AddHours(1), "Yealink", "udp"));
        await SeedCalls.WriteAsync(host);
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var html = await browser.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("<dd id=\"plan-revision\">1</dd>", html, StringComparison.Ordinal);
            Assert.Contains("data-live=\"phones\">1</span>", html, StringComparison.Ordinal);
            Assert.Contains("data-live=\"calls-now\">not reported</span>", html, StringComparison.Ordinal);

            using var api = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/dashboard", UriKind.Relative)));
            Assert.Equal(1, api.RootElement.GetProperty("registeredPhones").GetInt32());
            Assert.Equal(1, api.RootElement.GetProperty("planRevision").GetInt64());
            // 25 Nov (Shanghai), now 16:00: the six seeded calls of that day, 10:00 to 12:20.
            Assert.Equal(6, api.RootElement.GetProperty("callsToday").GetInt64());
        }
    }

    [Fact]
    public async Task A_status_source_from_the_daemon_fills_the_tiles_and_the_virtual_front_panel()
    {
        await using var host = await WebShellHost.StartAsync(status: new FixedStatus());
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var html = await browser.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("data-live=\"calls-now\">2</span>", html, StringComparison.Ordinal);
            Assert.Contains("data-live=\"trunk\">registered</span>", html, StringComparison.Ordinal);
            Assert.Contains("<span class=\"led led-red\" title=\"red\"></span>Line 1 <small>&lt;busy&gt;</small>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_daemon_can_replace_the_status_source_by_registering_its_own_first()
    {
        var services = new ServiceCollection();
        var mine = new FixedStatus();
        services.AddSingleton<IPbxStatusSource>(mine);
        services.AddInstallerWeb();
        using var provider = services.BuildServiceProvider();
        Assert.Same(mine, provider.GetRequiredService<IPbxStatusSource>());
    }

    private sealed class FixedStatus : IPbxStatusSource
    {
        public PbxStatus Current() => new("registered", 4, 2, [new LineStatus("Line 1", "red", "<busy>")], "in sync");
    }
}
