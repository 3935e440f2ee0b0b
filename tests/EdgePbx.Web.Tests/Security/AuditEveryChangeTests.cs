using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EdgePbx.Storage.Plans;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EdgePbx.Web.Tests.Security;

/// <summary>
/// Every state-changing endpoint the app maps (enumerated from its routes) is driven once with a request that
/// succeeds, and each must leave a new audit entry naming the installer. A new endpoint fails this test until
/// it is added here, so "audit entry for every change" cannot silently stop being true.
/// </summary>
public sealed class AuditEveryChangeTests
{
    /// <summary>Unsafe routes that change nothing on the box: the session's own logout (login and first run are audited by the account store).</summary>
    private static readonly HashSet<string> ChangeNothing = ["POST /logout"];

    [Fact]
    public async Task Every_change_through_a_page_or_the_api_writes_an_audit_entry()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var history = host.Services.GetRequiredService<PlanHistory>();
            var voicemail = new VoicemailIndex(host.Database);
            async Task<long> Message()
            {
                var name = $"101/{Guid.NewGuid():N}.wav";
                Directory.CreateDirectory(Path.Combine(host.DataDir, "voicemail", "101"));
                await File.WriteAllBytesAsync(Path.Combine(host.DataDir, "voicemail", name), TestWav.Tone(1.0));
                return await voicemail.AddAsync("101", "13800138000", WebShellHost.Start, TimeSpan.FromSeconds(1), name);
            }

            HttpRequestMessage Json(HttpMethod method, string path, string body) => new(method, new Uri(path, UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
                Headers = { { "X-CSRF-Token", csrf } },
            };
            HttpRequestMessage Post(string path, params (string, string)[] fields) => new(HttpMethod.Post, new Uri(path, UriKind.Relative))
            {
                Content = WebShellHost.Form([("csrf", csrf), .. fields]),
            };
            HttpRequestMessage Delete(string path) => new(HttpMethod.Delete, new Uri(path, UriKind.Relative)) { Headers = { { "X-CSRF-Token", csrf } } };
            HttpRequestMessage Upload(string path, string name, byte[] file, params (string, string)[] fields)
            {
                var form = new MultipartFormDataContent { { new StringContent(csrf), "csrf" } };
                foreach (var (k, v) in fields)
                {
                    form.Add(new StringContent(v), k);
                }

                form.Add(new ByteArrayContent(file), "file", name);
                return new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = form };
            }

            byte[]? backup = null;
            long firstPlan = history.Current()!.Id;
            var changes = new List<(string Route, Func<Task<HttpRequestMessage>> Request)>
            {
                ("POST /extensions/save", () => Task.FromResult(Post("/extensions/save", ("id", "120"), ("ringSeconds", "20")))),
                ("POST /extensions/{id}/delete", () => Task.FromResult(Post("/extensions/120/delete"))),
                ("PUT /api/extensions/{id}", () => Task.FromResult(Json(HttpMethod.Put, "/api/extensions/121", "{\"name\":\"Lab\"}"))),
                ("DELETE /api/extensions/{id}", () => Task.FromResult(Delete("/api/extensions/121"))),
                ("POST /groups/save", () => Task.FromResult(Post("/groups/save", ("id", "lab"), ("strategy", "ringAll"), ("members", "ext:104"), ("ringSeconds", "20"), ("repeat", "1"), ("maxWaiting", "0")))),
                ("POST /groups/{id}/delete", () => Task.FromResult(Post("/groups/lab/delete"))),
                ("PUT /api/groups/{id}", () => Task.FromResult(Json(HttpMethod.Put, "/api/groups/lab2", "{\"members\":[{\"target\":\"ext:104\"}]}"))),
                ("DELETE /api/groups/{id}", () => Task.FromResult(Delete("/api/groups/lab2"))),
                ("POST /menus/save", () => Task.FromResult(Post("/menus/save", ("id", "night"), ("prompt", "prompts/night.wav"), ("options", "0 = ext:101"), ("timeoutSeconds", "5"), ("retries", "2")))),
                ("POST /menus/{id}/delete", () => Task.FromResult(Post("/menus/night/delete"))),
                ("PUT /api/menus/{id}", () => Task.FromResult(Json(HttpMethod.Put, "/api/menus/night2", "{\"prompt\":\"prompts/night.wav\",\"options\":{\"0\":\"ext:101\"}}"))),
                ("DELETE /api/menus/{id}", () => Task.FromResult(Delete("/api/menus/night2"))),
                ("POST /schedules/save", () => Task.FromResult(Post("/schedules/save", ("id", "weekend"), ("weekly", "sat-sun 10:00-16:00")))),
                ("POST /schedules/{id}/delete", () => Task.FromResult(Post("/schedules/weekend/delete"))),
                ("PUT /api/schedules/{id}", () => Task.FromResult(Json(HttpMethod.Put, "/api/schedules/weekend2", "{\"weekly\":[{\"days\":[\"sat\"],\"from\":\"10:00\",\"to\":\"12:00\"}]}"))),
                ("DELETE /api/schedules/{id}", () => Task.FromResult(Delete("/api/schedules/weekend2"))),
                ("POST /lists", () => Task.FromResult(Post("/lists", ("lists.blacklist.numbers", "13900000000")))),
                ("PUT /api/lists", () => Task.FromResult(Json(HttpMethod.Put, "/api/lists", "{\"lists\":{\"blacklist\":{\"numbers\":[\"13900000001\"]}},\"blockedRegions\":[]}"))),
                ("POST /limits", () => Task.FromResult(Post("/limits", ("tariff.pricePerMinuteFen", "12"), ("tariff.incrementSeconds", "60"), ("tariff.localPricePerMinuteFen", "0")))),
                ("PUT /api/limits", () => Task.FromResult(Json(HttpMethod.Put, "/api/limits", "{\"limits\":{\"maxConcurrent\":8},\"tariff\":{\"pricePerMinuteFen\":12,\"incrementSeconds\":60}}"))),
                ("PUT /api/phones/{id}", () => Task.FromResult(Json(HttpMethod.Put, "/api/phones/101", "{\"sipPassword\":\"Phone-101-pass\"}"))),
                ("PUT /api/plan", async () => Json(HttpMethod.Put, "/api/plan", await browser.GetStringAsync(new Uri("/api/plan", UriKind.Relative)))),
                ("POST /api/plan/history/{id}/restore", () => Task.FromResult(Json(HttpMethod.Post, $"/api/plan/history/{firstPlan}/restore", "{}"))),
                ("POST /system/plan/{id}/restore", () => Task.FromResult(Post($"/system/plan/{firstPlan}/restore"))),
                ("POST /api/plan/rollback", async () =>
                {
                    await history.MarkLastKnownGoodAsync(firstPlan);
                    return Json(HttpMethod.Post, "/api/plan/rollback", "{}");
                }),
                ("POST /system/plan/rollback", async () =>
                {
                    await history.MarkLastKnownGoodAsync(history.Recent(2)[1].Id);
                    return Post("/system/plan/rollback");
                }),
                ("POST /prompts/upload", () => Task.FromResult(Upload("/prompts/upload", "night.wav", TestWav.Tone(1.0), ("name", "prompts/night.wav")))),
                ("PUT /api/prompts", () =>
                {
                    var body = new ByteArrayContent(TestWav.Tone(1.0));
                    body.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
                    return Task.FromResult(new HttpRequestMessage(HttpMethod.Put, new Uri("/api/prompts?name=prompts%2Fwelcome.wav", UriKind.Relative)) { Content = body, Headers = { { "X-CSRF-Token", csrf } } });
                }),
                ("POST /voicemail/{id}/delete", async () => Post($"/voicemail/{await Message()}/delete")),
                ("DELETE /api/voicemail/{id}", async () => Delete($"/api/voicemail/{await Message()}")),
                ("POST /system/restart", () => Task.FromResult(Post("/system/restart", ("what", "service"), ("confirm", "on")))),
                ("POST /api/box/restart", () => Task.FromResult(Json(HttpMethod.Post, "/api/box/restart", "{\"what\":\"machine\"}"))),
                ("POST /system/settings/{section}", () => Task.FromResult(Post("/system/settings/trunk", ("trunk.expires", "600")))),
                ("PUT /api/system/settings/{section}", () => Task.FromResult(Json(HttpMethod.Put, "/api/system/settings/network", "{\"logLevel\":\"Warning\"}"))),
                ("POST /api/panel/buttons/{button}", () => Task.FromResult(Json(HttpMethod.Post, "/api/panel/buttons/night?pressed=true", "{}"))),
                ("POST /system/backup", () => Task.FromResult(Post("/system/backup"))),
                ("POST /system/restore", async () =>
                {
                    backup = await (await browser.SendAsync(Post("/system/backup"))).Content.ReadAsByteArrayAsync();
                    return Upload("/system/restore", "backup.db", backup, ("confirm", "on"));
                }),
            };

            var unsafeRoutes = Endpoints.All(host.Services).Where(r => !r.IsSafe && !Endpoints.Public.Contains(r.Pattern)).Select(r => r.ToString()).ToHashSet();
            Assert.Empty(unsafeRoutes.Except(changes.Select(c => c.Route)).Except(ChangeNothing));
            Assert.Empty(changes.Select(c => c.Route).Except(unsafeRoutes));

            foreach (var (route, request) in changes)
            {
                var before = host.Audit.Recent(1).FirstOrDefault();
                using var message = await request();
                using var response = await browser.SendAsync(message);
                Assert.True((int)response.StatusCode is >= 200 and < 400, $"{route}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                var after = host.Audit.Recent(1).FirstOrDefault();
                Assert.True(after is not null && after != before && after.Actor == "installer", $"{route} wrote no audit entry (latest: {after?.Action} by {after?.Actor})");
            }
        }
    }
}
