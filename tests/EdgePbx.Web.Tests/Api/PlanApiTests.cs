using System.Net;
using System.Text;
using System.Text.Json;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Api;

/// <summary>The JSON API an installer scripts: plan parts by id, the whole plan, phones' secrets; hostile bodies get a clear 4xx.</summary>
public sealed class PlanApiTests
{
    [Fact]
    public async Task Put_group_applies_it_and_get_returns_it_in_plan_json()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await Send(browser, HttpMethod.Put, "/api/groups/support", csrf,
                """{ "name": "Support", "strategy": "ringAll", "members": [ { "target": "ext:104" }, { "target": "external:13800138000", "ringSeconds": 15 } ] }""");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("ok").GetBoolean());
            Assert.Equal(2, body.RootElement.GetProperty("revision").GetInt64());

            using var group = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/groups/support", UriKind.Relative)));
            Assert.Equal("ringAll", group.RootElement.GetProperty("strategy").GetString());
            Assert.Equal(15, group.RootElement.GetProperty("members")[1].GetProperty("ringSeconds").GetInt32());

            using var all = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/groups", UriKind.Relative)));
            Assert.Equal(["sales", "support"], all.RootElement.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task Put_that_fails_validation_is_422_with_every_issue_path_and_nothing_changes()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await Send(browser, HttpMethod.Put, "/api/menus/main", csrf, """{ "prompt": "p.wav", "options": { "7": "ext:999", "x": "ext:101" }, "timeoutSeconds": 0 }""");

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(body.RootElement.GetProperty("ok").GetBoolean());
            var paths = body.RootElement.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("path").GetString()).ToList();
            Assert.Contains("$.menus.main.options.7", paths);
            Assert.Contains("$.menus.main.options.x", paths);
            Assert.Contains("$.menus.main.timeoutSeconds", paths);
            Assert.Equal(1, host.Revision);
        }
    }

    [Theory]
    [InlineData("{ \"prompt\": ", "bad JSON")]
    [InlineData("{ \"prompt\": \"p.wav\", \"timeoutSecond\": 5 }", "bad JSON")]
    [InlineData("{ \"name\": \"no prompt\" }", "bad JSON")]
    [InlineData("null", "bad JSON: the body is null")]
    public async Task Malformed_or_misspelt_json_is_400_and_changes_nothing(string json, string error)
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await Send(browser, HttpMethod.Put, "/api/menus/main", csrf, json);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.StartsWith(error, body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, host.Revision);
        }
    }

    [Fact]
    public async Task Oversized_bodies_are_413_and_the_wrong_content_type_is_415()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var huge = "{ \"prompt\": \"" + new string('a', 300 * 1024) + "\" }";
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Send(browser, HttpMethod.Put, "/api/menus/main", csrf, huge)).StatusCode);
            // A declared length over the box's 1 MiB cap is answered from the headers alone, before any body is read.
            using (var tcp = new System.Net.Sockets.TcpClient())
            {
                await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port);
                var stream = tcp.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"PUT /api/plan HTTP/1.1\r\nHost: {host.BaseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {2 * 1024 * 1024}\r\n\r\n"));
                var buffer = new byte[512];
                var read = await stream.ReadAsync(buffer);
                Assert.StartsWith("HTTP/1.1 413", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
            }

            using var text = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/menus/main", UriKind.Relative)) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
            text.Headers.Add("X-CSRF-Token", csrf);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await browser.SendAsync(text)).StatusCode);
            Assert.Equal(1, host.Revision);
        }
    }

    [Fact]
    public async Task Ids_that_could_break_paths_or_pages_are_refused()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            foreach (var id in new[] { "a.b", "x%3Cscript%3E", "new", "..%2F..%2Fetc" })
            {
                var response = await Send(browser, HttpMethod.Put, "/api/groups/" + id, csrf, """{ "members": [ { "target": "ext:101" } ] }""");
                Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{id}: {response.StatusCode}");
            }

            Assert.Equal(1, host.Revision);
        }
    }

    [Fact]
    public async Task Whole_plan_round_trips_and_a_broken_plan_is_refused_with_its_issues()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var get = await browser.GetAsync(new Uri("/api/plan", UriKind.Relative));
            Assert.Equal("1", get.Headers.GetValues("X-Plan-Revision").Single());
            var plan = await get.Content.ReadAsStringAsync();

            var same = await Send(browser, HttpMethod.Put, "/api/plan", csrf, plan);
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
            Assert.Equal(2, host.Revision);

            var broken = await Send(browser, HttpMethod.Put, "/api/plan", csrf, plan.Replace("\"menu:main\"", "\"menu:nope\"", StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
            Assert.Contains("$.numbers.4006123456.default", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(2, host.Revision);
        }
    }

    [Fact]
    public async Task Phone_secrets_are_set_through_the_api_and_only_their_presence_is_listed()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await Send(browser, HttpMethod.Put, "/api/phones/101", csrf, """{ "sipPassword": "Api-pass-101" }""")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await Send(browser, HttpMethod.Put, "/api/phones/101", csrf, """{ "voicemailPin": "12" }""")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Send(browser, HttpMethod.Put, "/api/phones/999", csrf, """{ "sipPassword": "Api-pass-999" }""")).StatusCode);

            Assert.Equal("Api-pass-101", host.Phones.FindSipPassword("101"));
            var list = await browser.GetStringAsync(new Uri("/api/phones", UriKind.Relative));
            Assert.Contains("\"hasSipPassword\":true", list, StringComparison.Ordinal);
            Assert.DoesNotContain("Api-pass-101", list, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Delete_through_the_api_is_refused_while_referenced()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Send(browser, HttpMethod.Delete, "/api/groups/sales", csrf, null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Send(browser, HttpMethod.Delete, "/api/groups/nope", csrf, null)).StatusCode);
            Assert.True(host.Plan.Current!.Plan.Groups.ContainsKey("sales"));
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string csrf, string? json)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        request.Headers.Add("X-CSRF-Token", csrf);
        return client.SendAsync(request);
    }
}
