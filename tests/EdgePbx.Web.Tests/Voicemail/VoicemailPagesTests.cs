using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Voicemail;

/// <summary>Voicemail messages as the engine leaves them (an index entry and a WAV under voicemail/), listed, played, downloaded, deleted.</summary>
public sealed class VoicemailPagesTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8));

    private static async Task<(long Id, byte[] Audio)> DepositAsync(WebShellHost host, string box = "101", string caller = "13800138000", string? fileName = null, int minutes = 0)
    {
        var name = fileName ?? $"{box}/20261125T0200{minutes:00}000-abc{minutes:00}.wav";
        var audio = TestWav.Tone(2.0);
        if (fileName is null)
        {
            var path = Path.Combine(host.DataDir, "voicemail", name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, audio);
        }

        var id = await new VoicemailIndex(host.Database).AddAsync(box, caller, Received.AddMinutes(minutes), TimeSpan.FromSeconds(2), name);
        return (id, audio);
    }

    [Fact]
    public async Task The_list_plays_and_downloads_each_message_from_the_data_folder()
    {
        await using var host = await WebShellHost.StartAsync();
        var (first, audio) = await DepositAsync(host);
        var (second, _) = await DepositAsync(host, "102", "02160001234", minutes: 5);
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var page = await browser.GetStringAsync(new Uri("/voicemail", UriKind.Relative));
            Assert.Contains($"<audio controls preload=\"metadata\" src=\"/api/voicemail/{first}/audio\"></audio>", page, StringComparison.Ordinal);
            Assert.Contains($"href=\"/api/voicemail/{second}/audio?download=1\" download>Download</a>", page, StringComparison.Ordinal);
            Assert.Contains("101 Reception", page, StringComparison.Ordinal);
            Assert.True(page.IndexOf($"data-id=\"{second}\"", StringComparison.Ordinal) < page.IndexOf($"data-id=\"{first}\"", StringComparison.Ordinal), "newest first");

            var only102 = await browser.GetStringAsync(new Uri("/voicemail?box=102", UriKind.Relative));
            Assert.DoesNotContain($"data-id=\"{first}\"", only102, StringComparison.Ordinal);

            var play = await browser.GetAsync(new Uri($"/api/voicemail/{first}/audio", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, play.StatusCode);
            Assert.Equal("audio/wav", play.Content.Headers.ContentType!.MediaType);
            Assert.Equal(audio, await play.Content.ReadAsByteArrayAsync());

            // The audio element seeks with ranges.
            using var range = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/voicemail/{first}/audio", UriKind.Relative));
            range.Headers.Range = new RangeHeaderValue(0, 43);
            var head = await browser.SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, head.StatusCode);
            Assert.Equal(audio[..44], await head.Content.ReadAsByteArrayAsync());

            var download = await browser.GetAsync(new Uri($"/api/voicemail/{first}/audio?download=1", UriKind.Relative));
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("voicemail-101-20261125-1000-13800138000.wav", download.Content.Headers.ContentDisposition.FileName!.Trim('"'));

            using var api = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/voicemail", UriKind.Relative)));
            Assert.Equal([second, first], api.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()));
            Assert.Equal("02160001234", api.RootElement[0].GetProperty("caller").GetString());
        }
    }

    [Theory]
    [InlineData("..%2F..%2Fedgepbx.db")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("99999")]
    public async Task An_id_that_is_not_a_known_message_number_is_404(string id)
    {
        await using var host = await WebShellHost.StartAsync();
        await DepositAsync(host);
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await browser.GetAsync(new Uri($"/api/voicemail/{id}/audio", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Theory]
    [InlineData("../edgepbx.db")]
    [InlineData("../../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    public async Task An_index_entry_pointing_outside_the_voicemail_folder_is_never_served(string fileName)
    {
        await using var host = await WebShellHost.StartAsync();
        var (id, _) = await DepositAsync(host, fileName: fileName);
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri($"/api/voicemail/{id}/audio", UriKind.Relative))).StatusCode);
            var page = await browser.GetStringAsync(new Uri("/voicemail", UriKind.Relative));
            Assert.Contains("audio file missing", page, StringComparison.Ordinal);
            Assert.DoesNotContain($"/api/voicemail/{id}/audio", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deleting_a_message_removes_its_entry_and_file_and_is_audited()
    {
        await using var host = await WebShellHost.StartAsync();
        var (id, _) = await DepositAsync(host);
        var (other, _) = await DepositAsync(host, minutes: 1);
        var file = Path.Combine(host.DataDir, "voicemail", new VoicemailLookup(host.Database).Find(id)!.FileName);
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var deleted = await browser.PostAsync(new Uri($"/voicemail/{id}/delete", UriKind.Relative), WebShellHost.Form(("csrf", csrf)));
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.Null(new VoicemailLookup(host.Database).Find(id));
            Assert.False(File.Exists(file));
            Assert.Contains(host.Audit.Recent(5), e => e.Action == "voicemail.deleted" && e.Actor == "installer" && e.Detail.Contains($"message {id} from 13800138000", StringComparison.Ordinal));

            Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync(new Uri($"/voicemail/{id}/delete", UriKind.Relative), WebShellHost.Form(("csrf", csrf)))).StatusCode);
            using var api = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/voicemail/{other}", UriKind.Relative)) { Headers = { { "X-CSRF-Token", csrf } } };
            Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(api)).StatusCode);
            Assert.Empty(new VoicemailLookup(host.Database).Recent(10));
        }
    }

    [Fact]
    public async Task A_delete_from_the_page_or_the_api_changes_the_message_summary_and_notifies_the_owners_phone()
    {
        await using var host = await WebShellHost.StartAsync();
        var (first, _) = await DepositAsync(host);
        var (second, _) = await DepositAsync(host, minutes: 5);
        host.Bindings.Upsert(new EdgePbx.Sip.Registration.SipBinding("sip:101@pbx.example.cn", "sip:101@127.0.0.1:5077", "reg-101", 1,
            host.Time.GetUtcNow().AddHours(1), null, "UDP:127.0.0.1:5077", "desk phone"));
        Assert.Equal("Messages-Waiting: yes\r\nMessage-Account: sip:101@pbx.example.cn\r\nVoice-Message: 2/0\r\n", host.Mailboxes.Summary("101").Write());
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var deleted = await browser.PostAsync(new Uri($"/voicemail/{first}/delete", UriKind.Relative), WebShellHost.Form(("csrf", csrf)));
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
            Assert.Equal("Messages-Waiting: yes\r\nMessage-Account: sip:101@pbx.example.cn\r\nVoice-Message: 1/0\r\n", host.Mailboxes.Summary("101").Write());
            var notify = Assert.Single(host.Sip.Sent);
            Assert.Equal("NOTIFY", notify.Request.Method);
            Assert.Contains("Voice-Message: 1/0", System.Text.Encoding.UTF8.GetString(notify.Request.Body.Span), StringComparison.Ordinal);

            using var api = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/voicemail/{second}", UriKind.Relative)) { Headers = { { "X-CSRF-Token", csrf } } };
            Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(api)).StatusCode);
            Assert.StartsWith("Messages-Waiting: no\r\n", host.Mailboxes.Summary("101").Write(), StringComparison.Ordinal);
            Assert.Equal(2, host.Sip.Sent.Count);
            Assert.Contains("Messages-Waiting: no", System.Text.Encoding.UTF8.GetString(host.Sip.Sent[1].Request.Body.Span), StringComparison.Ordinal);
        }
    }
}
