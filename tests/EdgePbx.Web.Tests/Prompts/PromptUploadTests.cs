using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EdgePbx.Web.Prompts;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Prompts;

/// <summary>Welcome audio and IVR prompts: upload checked whole before anything is written, playback from the data folder's prompts/.</summary>
public sealed class PromptUploadTests
{
    private const string Welcome = "prompts/welcome.wav";

    private static MultipartFormDataContent Upload(string csrf, string name, byte[] file, string? back = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(csrf), "csrf" },
            { new StringContent(name), "name" },
        };
        if (back is not null)
        {
            form.Add(new StringContent(back), "back");
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        form.Add(part, "file", "upload.wav");
        return form;
    }

    [Theory]
    [InlineData(TestWav.Pcm, 16)]
    [InlineData(TestWav.MuLaw, 8)]
    [InlineData(TestWav.ALaw, 8)]
    public async Task A_playable_wav_replaces_the_prompt_is_audited_and_the_engine_is_told(short format, short bits)
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var before = await browser.GetStringAsync(new Uri("/prompts", UriKind.Relative));
            Assert.Contains("Welcome audio of 4006123456", before, StringComparison.Ordinal);
            Assert.Contains("no file yet: callers hear ringback instead", before, StringComparison.Ordinal);

            var wav = TestWav.Tone(1.5, bits: bits, format: format);
            var response = await browser.PostAsync(new Uri("/prompts/upload", UriKind.Relative), Upload(csrf, Welcome, wav));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(wav, await File.ReadAllBytesAsync(Path.Combine(host.DataDir, "prompts", "welcome.wav")));
            Assert.Equal([Welcome], host.PromptListener.Changed);
            Assert.Contains(host.Audit.Recent(5), e => e.Action == "prompt.uploaded" && e.Actor == "installer" && e.Detail.StartsWith(Welcome + ": ", StringComparison.Ordinal));

            var after = await browser.GetStringAsync(new Uri("/prompts", UriKind.Relative));
            Assert.Contains($"<audio controls preload=\"metadata\" src=\"/api/prompts/audio?name=prompts%2Fwelcome.wav\"></audio><span class=\"ok\">plays 1.5 s</span>", after, StringComparison.Ordinal);
            var played = await browser.GetAsync(new Uri("/api/prompts/audio?name=prompts%2Fwelcome.wav", UriKind.Relative));
            Assert.Equal("audio/wav", played.Content.Headers.ContentType!.MediaType);
            Assert.Equal(wav, await played.Content.ReadAsByteArrayAsync());

            using var api = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/prompts", UriKind.Relative)));
            var welcome = api.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == Welcome);
            Assert.True(welcome.GetProperty("playable").GetBoolean());
            Assert.Equal(1.5, welcome.GetProperty("seconds").GetDouble(), 2);
        }
    }

    public static TheoryData<string, byte[], string> BadFiles() => new()
    {
        // 44.1 kHz stereo and 8-bit PCM are no longer refused: the prompt loader resamples any PCM rate and width
        // once (issue 4; Media test Sox_wavs_of_any_pcm_rate_width_and_channels_are_resampled_to_8_khz_g711).
        { "an MP3 renamed", Encoding.ASCII.GetBytes("ID3\u0003\0\0\0\0\0\0" + new string('x', 200)), "not a WAV file (it does not start with RIFF…WAVE)" },
        { "a cut-off header", TestWav.Tone(1.0)[..40], "not a WAV file" },
        { "a chunk claiming 2 GB", Corrupt(TestWav.Tone(1.0)), "a damaged WAV file: the data chunk claims 2147483647 bytes, the file has 16000 left" },
        { "silence of 10 ms", TestWav.Tone(0.01), "has less than 0.1 s of audio" },
        { "5 MiB", TestWav.Tone(330), "the file is larger than 4 MiB" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_changes_nothing_and_says_why_next_to_its_field(string what, byte[] file, string reason)
    {
        await using var host = await WebShellHost.StartAsync();
        var good = TestWav.Tone(1.0);
        var path = Path.Combine(host.DataDir, "prompts", "welcome.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, good);
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var audits = host.Audit.Recent(100).Length;
            var response = await browser.PostAsync(new Uri("/prompts/upload", UriKind.Relative), Upload(csrf, Welcome, file));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            var problem = System.Text.RegularExpressions.Regex.Match(html, "<p class=\"problem\" id=\"f-file-prompts-welcome-wav-problem\">([^<]+)</p>");
            Assert.True(problem.Success, $"{what}: no problem beside the field");
            Assert.Contains(reason, WebUtility.HtmlDecode(problem.Groups[1].Value), StringComparison.Ordinal);
            Assert.Contains("id=\"f-file-prompts-welcome-wav\" name=\"file\" type=\"file\" accept=\".wav,audio/wav\" data-max-bytes=\"4194304\" aria-invalid=\"true\"", html, StringComparison.Ordinal);
            Assert.Equal(good, await File.ReadAllBytesAsync(path));
            Assert.Equal(audits, host.Audit.Recent(100).Length);
            Assert.Empty(host.PromptListener.Changed);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.upload"));
        }
    }

    [Theory]
    [InlineData("../edgepbx.db")]
    [InlineData("prompts/../edgepbx.wav")]
    [InlineData("/etc/passwd")]
    [InlineData("prompts/.hidden.wav")]
    [InlineData("prompts/welcome.mp3")]
    public async Task A_prompt_name_cannot_leave_the_prompts_folder(string name)
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await browser.PostAsync(new Uri("/prompts/upload", UriKind.Relative), Upload(csrf, name, TestWav.Tone(1.0)));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("id=\"f-name-problem\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri("/api/prompts/audio?name=" + Uri.EscapeDataString(name), UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri("/api/prompts/audio?name=" + Uri.EscapeDataString("../edgepbx.db"), UriKind.Relative))).StatusCode);
            Assert.Empty(host.PromptListener.Changed);
        }
    }

    [Fact]
    public async Task The_menu_page_plays_its_prompt_and_an_upload_there_returns_to_the_menu()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var menu = await browser.GetStringAsync(new Uri("/menus/main", UriKind.Relative));
            Assert.Contains("id=\"menu-prompt\"", menu, StringComparison.Ordinal);
            Assert.Contains("<input type=\"hidden\" name=\"back\" value=\"/menus/main\">", menu, StringComparison.Ordinal);

            var response = await browser.PostAsync(new Uri("/prompts/upload", UriKind.Relative), Upload(csrf, "prompts/main-menu.wav", TestWav.Tone(3.0), back: "/menus/main"));
            Assert.Equal("/menus/main?uploaded=1", response.Headers.Location!.OriginalString);
            var after = await browser.GetStringAsync(new Uri("/menus/main?uploaded=1", UriKind.Relative));
            Assert.Contains("plays 3.0 s", after, StringComparison.Ordinal);
            Assert.Contains("Prompt uploaded.", after, StringComparison.Ordinal);

            // Only a menu page is a place to return to.
            var elsewhere = await browser.PostAsync(new Uri("/prompts/upload", UriKind.Relative), Upload(csrf, "prompts/main-menu.wav", TestWav.Tone(3.0), back: "https://evil.example/"));
            Assert.Equal("/prompts?saved=prompts%2Fmain-menu.wav", elsewhere.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task The_api_takes_a_wav_body_and_refuses_other_types()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var body = new ByteArrayContent(TestWav.Tone(1.0));
            body.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            using var put = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/prompts?name=prompts%2Fnight.wav", UriKind.Relative)) { Content = body, Headers = { { "X-CSRF-Token", csrf } } };
            Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(put)).StatusCode);
            Assert.True(File.Exists(Path.Combine(host.DataDir, "prompts", "night.wav")));

            // A file in prompts/ the plan does not use yet is listed too.
            Assert.Contains("<code>prompts/night.wav</code></td><td><span class=\"muted\">not used by the plan</span>", await browser.GetStringAsync(new Uri("/prompts", UriKind.Relative)), StringComparison.Ordinal);

            using var text = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/prompts?name=prompts%2Fnight.wav", UriKind.Relative))
            {
                Content = new StringContent("hello", Encoding.UTF8, "text/plain"),
                Headers = { { "X-CSRF-Token", csrf } },
            };
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await browser.SendAsync(text)).StatusCode);
        }
    }

    [Fact]
    public void Names_are_checked_before_any_path_is_made()
    {
        Assert.Null(PromptFiles.NameProblem("prompts/main-menu.wav"));
        Assert.Null(PromptFiles.NameProblem("prompts/after_hours.v2.wav"));
        Assert.NotNull(PromptFiles.NameProblem("prompts/a/b.wav"));
        Assert.NotNull(PromptFiles.NameProblem("prompts/..wav"));
        Assert.NotNull(PromptFiles.NameProblem("prompts/\0.wav"));
        Assert.NotNull(PromptFiles.NameProblem(null));
    }

    /// <summary>A data chunk that claims far more bytes than the file holds.</summary>
    private static byte[] Corrupt(byte[] wav)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), int.MaxValue);
        return wav;
    }
}
