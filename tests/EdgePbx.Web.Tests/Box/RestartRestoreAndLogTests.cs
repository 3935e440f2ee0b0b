using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EdgePbx.Storage.Plans;
using EdgePbx.Web.Box;
using EdgePbx.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Web.Tests.Box;

/// <summary>The System page's machine side: restart and reboot through the daemon's seam (a fake here), restoring a backup, the recent log, the settings in force.</summary>
public sealed partial class RestartRestoreAndLogTests
{
    [Theory]
    [InlineData("service", BoxRestart.Service, "box.restart-requested")]
    [InlineData("machine", BoxRestart.Machine, "box.reboot-requested")]
    public async Task Restart_and_reboot_ask_for_a_confirmation_then_ask_the_box_and_are_audited(string what, BoxRestart expected, string action)
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var page = await browser.GetStringAsync(new Uri("/system/restart", UriKind.Relative));
            Assert.Contains($"id=\"restart-{what}\"", page, StringComparison.Ordinal);

            var unconfirmed = await browser.PostAsync(new Uri("/system/restart", UriKind.Relative), WebShellHost.Form(("csrf", csrf), ("what", what)));
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
            Assert.Contains($"<p class=\"problem\" id=\"f-confirm-{what}-problem\">Tick this to confirm: calls in progress are cut off.</p>", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Empty(host.BoxControl.Requests);

            var confirmed = await browser.PostAsync(new Uri("/system/restart", UriKind.Relative), WebShellHost.Form(("csrf", csrf), ("what", what), ("confirm", "on")));
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
            Assert.Contains("<meta http-equiv=\"refresh\" content=\"", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal([expected], host.BoxControl.Requests);
            Assert.Contains(host.Audit.Recent(3), e => e.Action == action && e.Actor == "installer");
        }
    }

    [Fact]
    public async Task A_box_that_cannot_restart_says_why_and_records_nothing()
    {
        await using var host = await WebShellHost.StartAsync();
        host.BoxControl.Refusal = "Interactive authentication required.";
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var audits = host.Audit.Recent(100).Length;
            var page = await browser.PostAsync(new Uri("/system/restart", UriKind.Relative), WebShellHost.Form(("csrf", csrf), ("what", "machine"), ("confirm", "on")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("Interactive authentication required.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using var api = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/box/restart", UriKind.Relative))
            {
                Content = new StringContent("{\"what\":\"service\"}", Encoding.UTF8, "application/json"),
                Headers = { { "X-CSRF-Token", csrf } },
            };
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.SendAsync(api)).StatusCode);
            Assert.Equal(audits, host.Audit.Recent(100).Length);

            host.BoxControl.Refusal = null;
            using var ok = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/box/restart", UriKind.Relative))
            {
                Content = new StringContent("{\"what\":\"service\"}", Encoding.UTF8, "application/json"),
                Headers = { { "X-CSRF-Token", csrf } },
            };
            Assert.Equal(HttpStatusCode.Accepted, (await browser.SendAsync(ok)).StatusCode);
            Assert.Equal([BoxRestart.Service], host.BoxControl.Requests);
        }
    }

    [Fact]
    public async Task Without_the_daemon_s_seam_restarting_is_refused_with_a_sentence()
    {
        var services = new ServiceCollection();
        services.AddInstallerWeb();
        using var provider = services.BuildServiceProvider();
        var control = provider.GetRequiredService<IBoxControl>();
        Assert.IsType<UnavailableBoxControl>(control);
        Assert.Contains("cannot restart", await control.RestartAsync(BoxRestart.Machine, CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restored_backup_replaces_what_changed_since_and_the_service_restarts_to_load_it()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var welcome = Path.Combine(host.DataDir, "prompts", "welcome.wav");
            var greeting = Path.Combine(host.DataDir, "voicemail", "greetings", "101", "busy.wav");
            Directory.CreateDirectory(Path.GetDirectoryName(welcome)!);
            Directory.CreateDirectory(Path.GetDirectoryName(greeting)!);
            await File.WriteAllBytesAsync(welcome, TestWav.Tone(1.0));
            await File.WriteAllBytesAsync(greeting, TestWav.Tone(0.5));
            using var download = await browser.PostAsync(new Uri("/system/backup", UriKind.Relative), WebShellHost.Form(("csrf", csrf)));
            Assert.Equal("application/x-tar", download.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith(".tar", download.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
            var backup = await download.Content.ReadAsByteArrayAsync();
            Assert.Contains(host.Audit.Recent(5), e => e.Action == "box.backup-downloaded" && e.Detail.Contains("1 prompts, 1 greetings, 0 voicemail messages", StringComparison.Ordinal));
            var history = host.Services.GetRequiredService<PlanHistory>();
            await browser.PostAsync(new Uri("/extensions/save", UriKind.Relative), WebShellHost.Form(("csrf", csrf), ("id", "106"), ("ringSeconds", "20")));
            Assert.Equal(2, history.Recent(10).Length);
            await File.WriteAllBytesAsync(welcome, TestWav.Tone(3.0));
            File.Delete(greeting);

            var restored = await browser.PostAsync(new Uri("/system/restore", UriKind.Relative), Restore(csrf, backup, confirm: true));

            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
            Assert.Contains("The backup is restored.", await restored.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Single(history.Recent(10));
            Assert.Equal([BoxRestart.Service], host.BoxControl.Requests);
            Assert.Contains(host.Audit.Recent(5), e => e.Action == "box.restored" && e.Actor == "installer");
            Assert.Empty(Directory.GetFiles(host.DataDir, "web-restore-*"));
            Assert.Equal(TestWav.Tone(1.0), await File.ReadAllBytesAsync(welcome));
            Assert.Equal(TestWav.Tone(0.5), await File.ReadAllBytesAsync(greeting));
        }
    }

    [Fact]
    public async Task A_backup_archive_with_a_path_out_of_the_data_folder_is_refused_beside_the_field_and_changes_nothing()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var welcome = Path.Combine(host.DataDir, "prompts", "welcome.wav");
            Directory.CreateDirectory(Path.GetDirectoryName(welcome)!);
            await File.WriteAllBytesAsync(welcome, TestWav.Tone(1.0));
            var backup = await (await browser.PostAsync(new Uri("/system/backup", UriKind.Relative), WebShellHost.Form(("csrf", csrf)))).Content.ReadAsByteArrayAsync();
            // The genuine backup with one more entry that climbs out of prompts/ and the data folder.
            using var hostile = new MemoryStream();
            using (var reader = new System.Formats.Tar.TarReader(new MemoryStream(backup)))
            using (var writer = new System.Formats.Tar.TarWriter(hostile, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true))
            {
                while (reader.GetNextEntry(copyData: true) is { } entry)
                {
                    writer.WriteEntry(entry);
                }

                writer.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "prompts/../../escaped.wav") { DataStream = new MemoryStream(TestWav.Tone(0.2)) });
            }

            await File.WriteAllBytesAsync(welcome, TestWav.Tone(2.0));
            var audits = host.Audit.Recent(100).Length;
            var refused = await browser.PostAsync(new Uri("/system/restore", UriKind.Relative), Restore(csrf, hostile.ToArray(), confirm: true));

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("id=\"f-restore-file-problem\">Not restored, nothing changed: prompts/../../escaped.wav: a path that leaves its folder", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(host.DataDir)!, "escaped.wav")));
            Assert.Equal(TestWav.Tone(2.0), await File.ReadAllBytesAsync(welcome));
            Assert.Empty(Directory.GetDirectories(host.DataDir, "restore-*"));
            Assert.Equal(audits, host.Audit.Recent(100).Length);
            Assert.Empty(host.BoxControl.Requests);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_backup_or_an_unconfirmed_restore_changes_nothing_and_says_why_beside_the_field()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var audits = host.Audit.Recent(100).Length;
            var junk = await browser.PostAsync(new Uri("/system/restore", UriKind.Relative), Restore(csrf, Encoding.ASCII.GetBytes(new string('x', 5000)), confirm: true));
            Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
            var html = await junk.Content.ReadAsStringAsync();
            Assert.Contains("<p class=\"problem\" id=\"f-restore-file-problem\">Not restored, nothing changed: not an EdgePbx backup", html, StringComparison.Ordinal);

            var unconfirmed = await browser.PostAsync(new Uri("/system/restore", UriKind.Relative), Restore(csrf, TestWav.Tone(0.5), confirm: false));
            Assert.Contains("id=\"f-restore-confirm-problem\"", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            Assert.Equal(1, host.Revision);
            Assert.Equal(audits, host.Audit.Recent(100).Length);
            Assert.Empty(host.BoxControl.Requests);
            Assert.Empty(Directory.GetFiles(host.DataDir, "web-restore-*"));
        }
    }

    [Fact]
    public async Task The_log_view_shows_the_daemons_recent_lines_newest_first_filtered_and_escaped()
    {
        await using var host = await WebShellHost.StartAsync();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgePbx.Daemon.Engine.TrunkService");
        Refreshed(logger);
        Refused(logger, "503 <Service Unavailable>");
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var all = await browser.GetStringAsync(new Uri("/system/logs", UriKind.Relative));
            Assert.Contains("<td>TrunkService</td><td>carrier registration refreshed</td>", all, StringComparison.Ordinal);
            Assert.Contains("carrier answered 503 &lt;Service Unavailable&gt;", all, StringComparison.Ordinal);
            Assert.True(all.IndexOf("503", StringComparison.Ordinal) < all.IndexOf("refreshed", StringComparison.Ordinal), "newest first");

            var warnings = await browser.GetStringAsync(new Uri("/system/logs?level=warning", UriKind.Relative));
            Assert.DoesNotContain("registration refreshed", warnings, StringComparison.Ordinal);
            Assert.Contains("503", warnings, StringComparison.Ordinal);
            Assert.DoesNotContain("503", await browser.GetStringAsync(new Uri("/system/logs?text=refreshed", UriKind.Relative)), StringComparison.Ordinal);

            var system = await browser.GetStringAsync(new Uri("/system", UriKind.Relative));
            Assert.Contains("id=\"warnings\"", system, StringComparison.Ordinal);
            var api = await browser.GetStringAsync(new Uri("/api/logs?level=warning", UriKind.Relative));
            Assert.Contains("\"level\":\"warning\"", api, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_recent_log_keeps_a_fixed_number_of_lines()
    {
        var log = new EdgePbx.Web.Logs.RecentLog(TimeProvider.System);
        var logger = log.CreateLogger("Test");
        for (var i = 0; i < EdgePbx.Web.Logs.RecentLog.Capacity + 50; i++)
        {
            Line(logger, i);
        }

        var lines = log.Recent();
        Assert.Equal(EdgePbx.Web.Logs.RecentLog.Capacity, lines.Count);
        Assert.Equal($"line {EdgePbx.Web.Logs.RecentLog.Capacity + 49}", lines[0].Message);
        Assert.Equal("line 50", lines[^1].Message);
    }

    [Fact]
    public void A_line_handed_over_formatted_is_kept_as_the_provider_keeps_it()
    {
        // The daemon's console logger formats each line once and hands it over through For; the page must not tell the difference.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var asProvider = new EdgePbx.Web.Logs.RecentLog(time);
        var handedOver = new EdgePbx.Web.Logs.RecentLog(time);
        var failure = new InvalidOperationException("no ports left");
        var longLine = new string('x', 3000);
        var logger = asProvider.CreateLogger("EdgePbx.Switchboard.Engine.CallEngine");
        var category = handedOver.For("EdgePbx.Switchboard.Engine.CallEngine");

        logger.Log(LogLevel.Error, new EventId(4), "media failed", failure, static (text, _) => text);
        category.Add(LogLevel.Error, "media failed", failure);
        Line(logger, 7);
        category.Add(LogLevel.Information, "line 7", null);
        logger.Log(LogLevel.Information, new EventId(1), longLine, null, static (text, _) => text);
        category.Add(LogLevel.Information, longLine, null);

        Assert.Equal(asProvider.Recent(), handedOver.Recent());
        Assert.Equal("media failed (InvalidOperationException: no ports left)", handedOver.Recent()[^1].Message);
        Assert.Equal("CallEngine", handedOver.Recent()[0].Category);
    }

    [Fact]
    public async Task The_system_page_shows_network_trunk_and_cloud_settings_and_where_they_come_from()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var page = await browser.GetStringAsync(new Uri("/system", UriKind.Relative));
            Assert.Contains("id=\"settings-network\"", page, StringComparison.Ordinal);
            Assert.Contains("<dt>Carrier address</dt><dd>203.0.113.10:5060</dd>", page, StringComparison.Ordinal);
            Assert.Contains("id=\"settings-cloud\"", page, StringComparison.Ordinal);
            Assert.Contains($"<code>{host.SettingsFile}</code>", page, StringComparison.Ordinal);
            Assert.Contains("<dd>9.9.9</dd>", page, StringComparison.Ordinal);
            Assert.Contains("action=\"/system/restore\"", page, StringComparison.Ordinal);
            var api = await browser.GetStringAsync(new Uri("/api/system/settings", UriKind.Relative));
            Assert.Contains("\"title\":\"Carrier trunk\"", api, StringComparison.Ordinal);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "carrier registration refreshed")]
    private static partial void Refreshed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "carrier answered {Answer}")]
    private static partial void Refused(ILogger logger, string answer);

    [LoggerMessage(Level = LogLevel.Information, Message = "line {Number}")]
    private static partial void Line(ILogger logger, int number);

    private static MultipartFormDataContent Restore(string csrf, byte[] file, bool confirm)
    {
        var form = new MultipartFormDataContent { { new StringContent(csrf), "csrf" } };
        if (confirm)
        {
            form.Add(new StringContent("on"), "confirm");
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        form.Add(part, "file", "edgepbx-backup-20261125-0800.tar");
        return form;
    }
}
