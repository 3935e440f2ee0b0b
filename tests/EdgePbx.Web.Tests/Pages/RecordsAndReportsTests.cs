using System.Net;
using System.Text.Json;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Pages;

/// <summary>Call records, CSV download and report charts over records written by CallRecordWriter.</summary>
public sealed class RecordsAndReportsTests
{
    [Fact]
    public async Task Search_filters_by_number_and_pages_with_the_cursor_link()
    {
        await using var host = await WebShellHost.StartAsync();
        Assert.All(await SeedCalls.WriteAsync(host), r => Assert.True(r.Succeeded));
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var shanghai = await browser.GetStringAsync(new Uri("/calls?number=02160001234", UriKind.Relative));
            Assert.Equal(5, Rows(shanghai));

            using var first = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/calls?pageSize=5", UriKind.Relative)));
            Assert.Equal(5, first.RootElement.GetProperty("calls").GetArrayLength());
            var next = first.RootElement.GetProperty("next").GetString()!;
            using var second = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/calls?pageSize=5&after=" + Uri.EscapeDataString(next), UriKind.Relative)));
            using var third = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/calls?pageSize=5&after=" + Uri.EscapeDataString(second.RootElement.GetProperty("next").GetString()!), UriKind.Relative)));
            var ids = new[] { first, second, third }.SelectMany(d => d.RootElement.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("callId").GetString())).ToList();
            Assert.Equal(12, ids.Distinct().Count());
            Assert.Equal(JsonValueKind.Null, third.RootElement.TryGetProperty("next", out var none) ? none.ValueKind : JsonValueKind.Null);

            var page = await browser.GetStringAsync(new Uri("/calls?outcome=answered", UriKind.Relative));
            Assert.Equal(8, Rows(page));
            Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bad_search_input_is_a_clear_400()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var page = await browser.GetAsync(new Uri("/calls?from=yesterday&outcome=lost", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("id=\"f-from-problem\">give a day, yyyy-MM-dd</p>", html, StringComparison.Ordinal);
            Assert.Contains("id=\"f-outcome-problem\">choose an outcome</p>", html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync(new Uri("/api/calls?after=12-x", UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task Csv_download_holds_the_calls_of_the_range_as_an_attachment()
    {
        await using var host = await WebShellHost.StartAsync();
        await SeedCalls.WriteAsync(host);
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await browser.GetAsync(new Uri("/calls/export.csv?from=2026-11-25&to=2026-11-25", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("edgepbx-calls-2026-11-25-to-2026-11-25.csv", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(1 + 6, lines.Length);
            Assert.Contains("seed-6", lines[1..].First(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Reports_draw_svg_charts_with_the_numbers_beside_them()
    {
        await using var host = await WebShellHost.StartAsync();
        await SeedCalls.WriteAsync(host);
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var html = await browser.GetStringAsync(new Uri("/reports?from=2026-11-24&to=2026-11-25", UriKind.Relative));

            Assert.Contains("<dd id=\"total-calls\">12</dd>", html, StringComparison.Ordinal);
            foreach (var chart in new[] { "chart-calls", "chart-minutes", "chart-answer-rate", "chart-regions", "chart-destinations", "chart-charges" })
            {
                Assert.Contains($"<svg id=\"{chart}\" class=\"chart\"", html, StringComparison.Ordinal);
            }

            // Per day: 6 calls on the 24th, 6 on the 25th; the bars' titles and the table say so.
            Assert.Contains("<title>11-24: 6</title>", html, StringComparison.Ordinal);
            Assert.Contains("<tr><td>11-25</td><td>6</td><td>4</td><td>2</td></tr>", html, StringComparison.Ordinal);
            Assert.Contains("<tr><td>Shanghai</td><td>5</td>", html, StringComparison.Ordinal);
            Assert.Contains("66.7 %", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>x</b>", html, StringComparison.Ordinal);

            // Over several days, the hours of the day summed: 10:00 has 3 calls on the 24th and 5 on the 25th.
            Assert.Contains("<svg id=\"chart-hours\" class=\"chart\"", html, StringComparison.Ordinal);
            Assert.Contains("<tr><td>10:00</td><td>8</td>", html, StringComparison.Ordinal);
            Assert.Contains("<tr><td>12:00</td><td>1</td>", html, StringComparison.Ordinal);

            using var api = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/reports?from=2026-11-24&to=2026-11-25", UriKind.Relative)));
            Assert.Equal(12, api.RootElement.GetProperty("total").GetProperty("calls").GetInt64());
            Assert.Equal(8, api.RootElement.GetProperty("total").GetProperty("answered").GetInt64());
            Assert.Equal("day", api.RootElement.GetProperty("period").GetString());
            Assert.Equal(2, api.RootElement.GetProperty("byPeriod").GetArrayLength());
        }
    }

    [Fact]
    public async Task A_one_day_report_is_per_hour_and_a_reversed_range_is_refused()
    {
        await using var host = await WebShellHost.StartAsync();
        await SeedCalls.WriteAsync(host);
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var html = await browser.GetStringAsync(new Uri("/reports?from=2026-11-24&to=2026-11-24", UriKind.Relative));
            Assert.Contains("Calls per hour", html, StringComparison.Ordinal);
            Assert.Contains("<tr><td>10:00</td><td>3</td>", html, StringComparison.Ordinal);

            var reversed = await browser.GetAsync(new Uri("/reports?from=2026-11-25&to=2026-11-20", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        }
    }

    private static int Rows(string html)
    {
        var start = html.IndexOf("<table id=\"calls\">", StringComparison.Ordinal);
        var body = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        return body.Split("<tr>").Length - 2;
    }
}
