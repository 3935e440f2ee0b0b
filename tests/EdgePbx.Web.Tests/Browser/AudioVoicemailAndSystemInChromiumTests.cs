using EdgePbx.Storage.Voicemail;
using EdgePbx.Web.Box;
using EdgePbx.Web.Tests.Support;
using Microsoft.Playwright;

namespace EdgePbx.Web.Tests.Browser;

/// <summary>
/// The audio and machine side of the page in a real Chromium: a refused and an accepted welcome audio upload,
/// the prompt and a voicemail actually decoded by the browser's audio element, a voicemail download, the log
/// view, and a reboot that needs its confirmation. Screenshots are saved as test artefacts.
/// </summary>
public sealed class AudioVoicemailAndSystemInChromiumTests
{
    private const string Duration = """
        async (selector) => {
          const a = document.querySelector(selector);
          if (a.readyState < 1) {
            await new Promise((resolve, reject) => {
              a.addEventListener('loadedmetadata', resolve, { once: true });
              a.addEventListener('error', () => reject(new Error('audio error ' + (a.error && a.error.code))), { once: true });
              a.load();
            });
          }
          return a.duration;
        }
        """;

    [Fact]
    public async Task Installer_uploads_welcome_audio_plays_voicemail_reads_the_log_and_reboots_after_confirming()
    {
        if (Chromium.MissingReason() is { } reason)
        {
            Console.WriteLine(reason);
            return;
        }

        await using var host = await WebShellHost.StartAsync();
        var voicemail = Path.Combine(host.DataDir, "voicemail", "101", "20261125T020000000-a1b2c3.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(voicemail)!);
        await File.WriteAllBytesAsync(voicemail, TestWav.Tone(4.0));
        var message = await new VoicemailIndex(host.Database).AddAsync("101", "13800138000", new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8)), TimeSpan.FromSeconds(4), "101/20261125T020000000-a1b2c3.wav");
        await using (var chromium = await ChromiumSession.FirstRunAsync(host, [400], acceptDialogs: true))
        {
            var page = chromium.Page;

            // Welcome audio: a CD-quality file is refused beside its field, and nothing changes.
            await page.ClickAsync("nav a[href='/prompts']");
            Assert.Equal("page", await page.GetAttributeAsync("nav a[href='/prompts']", "aria-current"));
            const string field = "#f-file-prompts-welcome-wav";
            await page.SetInputFilesAsync(field, new FilePayload { Name = "welcome-cut.wav", MimeType = "audio/wav", Buffer = TestWav.Tone(1.0)[..40] });
            await page.ClickAsync("#upload-prompts-welcome-wav button[type=submit]");
            await page.WaitForSelectorAsync(field + "-problem");
            Assert.Contains("not a WAV file", await page.TextContentAsync(field + "-problem"), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(host.DataDir, "prompts", "welcome.wav")));
            await chromium.ShotAsync("prompt-refused");

            // A telephone-format file is taken, and Chromium decodes what the box now serves.
            await page.SetInputFilesAsync(field, new FilePayload { Name = "welcome.wav", MimeType = "audio/wav", Buffer = TestWav.Tone(1.5) });
            await page.ClickAsync("#upload-prompts-welcome-wav button[type=submit]");
            await page.WaitForSelectorAsync("tr[data-prompt='prompts/welcome.wav'] audio");
            Assert.Equal(1.5, await page.EvaluateAsync<double>(Duration, "tr[data-prompt='prompts/welcome.wav'] audio"), 2);
            await chromium.ShotAsync("prompts");

            // The IVR menu shows its prompt with a player and its own upload.
            await page.ClickAsync("nav a[href='/menus']");
            await page.ClickAsync("tr[data-id='main'] a");
            await page.WaitForSelectorAsync("#menu-prompt");
            await page.SetInputFilesAsync("#f-file-prompts-main-menu-wav", new FilePayload { Name = "menu.wav", MimeType = "audio/wav", Buffer = TestWav.Tone(2.5, bits: 8, format: TestWav.MuLaw) });
            await page.ClickAsync("#menu-prompt button[type=submit]");
            await page.WaitForSelectorAsync("#menu-prompt audio");
            Assert.EndsWith("/menus/main?uploaded=1", page.Url, StringComparison.Ordinal);
            Assert.Contains("plays 2.5 s", await page.TextContentAsync("#menu-prompt"), StringComparison.Ordinal);
            await chromium.ShotAsync("ivr-menu-prompt");

            // Voicemail: listen in the page, download the file.
            await page.ClickAsync("nav a[href='/voicemail']");
            var row = $"tr[data-id='{message}']";
            await page.WaitForSelectorAsync(row + " audio");
            Assert.Equal(4.0, await page.EvaluateAsync<double>(Duration, row + " audio"), 2);
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync(row + " a.button"));
            Assert.Equal("voicemail-101-20261125-1000-13800138000.wav", download.SuggestedFilename);
            var saved = Chromium.ScreenshotPath("voicemail").Replace(".png", ".wav", StringComparison.Ordinal);
            await download.SaveAsAsync(saved);
            Assert.Equal(await File.ReadAllBytesAsync(voicemail), await File.ReadAllBytesAsync(saved));
            await chromium.ShotAsync("voicemail");

            // System: settings, backup and restore, the log, then a reboot that must be confirmed.
            await page.ClickAsync("nav a[href='/system']");
            await page.WaitForSelectorAsync("#settings-trunk");
            await chromium.ShotAsync("system");
            await page.ClickAsync("#logs-link");
            await page.WaitForSelectorAsync("#log");
            await chromium.ShotAsync("log");
            await page.GotoAsync(new Uri(host.BaseAddress, "/system/restart").ToString());
            await page.ClickAsync("#restart-machine button[type=submit]");
            await page.WaitForSelectorAsync("#f-confirm-machine-problem");
            Assert.Empty(host.BoxControl.Requests);
            await chromium.ShotAsync("reboot-unconfirmed");
            await page.CheckAsync("#restart-machine input[name=confirm]");
            await page.ClickAsync("#restart-machine button[type=submit]");
            await page.WaitForSelectorAsync("#restarting");
            Assert.Equal([BoxRestart.Machine], host.BoxControl.Requests);
            await chromium.ShotAsync("rebooting");
            Assert.True(chromium.Errors.Count == 0, "console errors: " + string.Join(" | ", chromium.Errors));
        }
    }
}
