using System.Globalization;
using System.Text;
using EdgePbx.Storage.Reports;
using EdgePbx.Web.Api;
using EdgePbx.Web.Pages;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Reports;

/// <summary>Reports over a range of local days: calls, minutes, answer rate, charges per period, by caller region and by destination.</summary>
public static class ReportEndpoints
{
    private sealed record Range(DateTimeOffset From, DateTimeOffset To, ReportPeriod Period, TimeSpan Offset, TimeZoneInfo Zone, FormValues Values);

    public static void MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/reports", (HttpContext http, PlanEditor editor, CallReports reports, TimeProvider time) =>
        {
            var issues = new FieldIssues();
            var range = Parse(http.Request.Query, editor, time, issues);
            var html = new StringBuilder();
            html.Append("<form method=\"get\" action=\"/reports\" class=\"card form wide\" id=\"range\" novalidate>")
                .Append(Form.Text("from", "From (day)", range.Values, issues, null, "date"))
                .Append(Form.Text("to", "Until (day, included)", range.Values, issues, null, "date"))
                .Append("<button type=\"submit\">Show</button></form>");
            if (issues.Any)
            {
                return Page.Render(http, "Reports", html.ToString(), 400);
            }

            var total = reports.Summary(range.From, range.To);
            var periods = reports.ByPeriod(range.Period, range.From, range.To, range.Offset);
            var regions = reports.ByCallerRegion(range.From, range.To);
            var destinations = reports.ByDestination(range.From, range.To);
            var per = range.Period switch { ReportPeriod.Hour => "hour", ReportPeriod.Day => "day", _ => "month" };

            html.Append("<section class=\"card\" id=\"summary\"><h2>In this range</h2><dl>")
                .Append("<dt>Calls</dt><dd id=\"total-calls\">").Append(N(total.Calls)).Append("</dd>")
                .Append("<dt>Answered</dt><dd>").Append(N(total.Answered)).Append("</dd>")
                .Append("<dt>Missed</dt><dd>").Append(N(total.Missed)).Append("</dd>")
                .Append("<dt>Minutes</dt><dd>").Append(total.Minutes.ToString("0.0", CultureInfo.InvariantCulture)).Append("</dd>")
                .Append("<dt>Charges</dt><dd>").Append(total.Charge.ToString("0.00", CultureInfo.InvariantCulture)).Append("</dd></dl></section>");

            var labels = periods.Select(p => Label(p.Start, range.Period)).ToList();
            Figure(html, "calls-per-period", $"Calls per {per}",
                SvgChart.Columns("chart-calls", $"Calls per {per}", periods.Select((p, i) => new SvgChart.Bar(labels[i], p.Totals.Calls, N(p.Totals.Calls))).ToList(), "calls"),
                ["When", "Calls", "Answered", "Missed"], periods.Select((p, i) => new[] { labels[i], N(p.Totals.Calls), N(p.Totals.Answered), N(p.Totals.Missed) }));
            Figure(html, "minutes-per-period", $"Minutes per {per}",
                SvgChart.Columns("chart-minutes", $"Minutes per {per}", periods.Select((p, i) => new SvgChart.Bar(labels[i], p.Totals.Minutes, M(p.Totals.Minutes))).ToList(), "min"),
                ["When", "Minutes", "Billed minutes"], periods.Select((p, i) => new[] { labels[i], M(p.Totals.Minutes), M(p.Totals.BilledSeconds / 60.0) }));
            if (range.Period != ReportPeriod.Hour)
            {
                // Over several days: which hours of the day are busy (staffing), summed over the range.
                var hours = new ReportTotals[24];
                foreach (var row in reports.ByPeriod(ReportPeriod.Hour, range.From, range.To, range.Offset))
                {
                    var h = row.Start.Hour;
                    var t = row.Totals;
                    hours[h] = new ReportTotals(hours[h].Calls + t.Calls, hours[h].Answered + t.Answered, hours[h].Missed + t.Missed,
                        hours[h].Seconds + t.Seconds, hours[h].BilledSeconds + t.BilledSeconds, hours[h].Charge + t.Charge);
                }

                var hourLabels = Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture) + ":00").ToList();
                Figure(html, "calls-per-hour", "Calls by hour of the day",
                    SvgChart.Columns("chart-hours", "Calls by hour of the day", hours.Select((t, h) => new SvgChart.Bar(hourLabels[h], t.Calls, N(t.Calls))).ToList(), "calls"),
                    ["Hour", "Calls", "Answered", "Minutes"],
                    hours.Select((t, h) => (t, h)).Where(x => x.t.Calls > 0).Select(x => new[] { hourLabels[x.h], N(x.t.Calls), N(x.t.Answered), M(x.t.Minutes) }));
            }

            Figure(html, "answer-rate", "Answer rate",
                SvgChart.Share("chart-answer-rate", "Answer rate", total.AnswerRate),
                ["Answered", "Of calls", "Rate"], [[N(total.Answered), N(total.Calls), (total.AnswerRate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %"]]);
            Figure(html, "by-region", "Calls by caller region",
                SvgChart.Rows("chart-regions", "Calls by caller region", regions.Take(15).Select(r => new SvgChart.Bar(Key(r.Key), r.Totals.Calls, N(r.Totals.Calls))).ToList()),
                ["Region", "Calls", "Answer rate", "Minutes"], regions.Select(r => new[] { Key(r.Key), N(r.Totals.Calls), Rate(r.Totals), M(r.Totals.Minutes) }));
            Figure(html, "by-destination", "Calls by destination",
                SvgChart.Rows("chart-destinations", "Calls by destination", destinations.Take(15).Select(r => new SvgChart.Bar(Key(r.Key), r.Totals.Calls, N(r.Totals.Calls))).ToList()),
                ["Destination", "Calls", "Answer rate", "Minutes"], destinations.Select(r => new[] { Key(r.Key), N(r.Totals.Calls), Rate(r.Totals), M(r.Totals.Minutes) }));
            Figure(html, "charges", $"Charges per {per}",
                SvgChart.Columns("chart-charges", $"Charges per {per}", periods.Select((p, i) => new SvgChart.Bar(labels[i], (double)p.Totals.Charge, C(p.Totals.Charge))).ToList(), "CNY"),
                ["When", "Charges"], periods.Select((p, i) => new[] { labels[i], C(p.Totals.Charge) }));
            return Page.Render(http, "Reports", html.ToString());
        }).RequireInstaller();

        endpoints.MapGet("/api/reports", (HttpContext http, PlanEditor editor, CallReports reports, TimeProvider time) =>
        {
            var issues = new FieldIssues();
            var range = Parse(http.Request.Query, editor, time, issues);
            if (issues.Any)
            {
                return RequestBody.Error(StatusCodes.Status400BadRequest, string.Join("; ", issues.ByField.Select(i => $"{i.Key}: {i.Value}")));
            }

            static ReportBucket Bucket(string key, ReportTotals t) => new(key, t.Calls, t.Answered, t.Missed, t.Seconds, t.Charge);
            var body = new ReportResponse(
                range.From,
                range.To,
                Bucket("total", reports.Summary(range.From, range.To)),
                range.Period.ToString().ToLowerInvariant(),
                reports.ByPeriod(range.Period, range.From, range.To, range.Offset).Select(p => Bucket(p.Start.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture), p.Totals)).ToList(),
                reports.ByCallerRegion(range.From, range.To).Select(r => Bucket(r.Key, r.Totals)).ToList(),
                reports.ByDestination(range.From, range.To).Select(r => Bucket(r.Key, r.Totals)).ToList());
            return Results.Json(body, WebJsonContext.Default.ReportResponse);
        }).RequireInstaller();
    }

    private static Range Parse(IQueryCollection q, PlanEditor editor, TimeProvider time, FieldIssues issues)
    {
        var zone = BoxTime.Zone(editor.Current);
        var today = BoxTime.StartOfDay(time.GetUtcNow(), zone);
        var values = new FormValues
        {
            ["from"] = q["from"].ToString() is { Length: > 0 } f ? f : BoxTime.Day(today.AddDays(-6), zone),
            ["to"] = q["to"].ToString() is { Length: > 0 } t ? t : BoxTime.Day(today, zone),
        };
        if (!BoxTime.TryParse(values.Text("from"), zone, out var from))
        {
            issues.Add("from", "give a day, yyyy-MM-dd");
        }

        if (!BoxTime.TryParse(values.Text("to"), zone, out var toDay))
        {
            issues.Add("to", "give a day, yyyy-MM-dd");
        }

        var to = toDay.AddDays(1);
        if (!issues.Any && to <= from)
        {
            issues.Add("to", "must not be before the first day");
        }

        if (!issues.Any && (to - from).TotalDays > 400)
        {
            issues.Add("from", "show at most 400 days at once");
        }

        var days = (to - from).TotalDays;
        var period = days <= 1.5 ? ReportPeriod.Hour : days <= 62 ? ReportPeriod.Day : ReportPeriod.Month;
        var offset = zone.GetUtcOffset(from);
        if (offset.Ticks % TimeSpan.TicksPerHour != 0)
        {
            // Reports bucket by whole-hour offsets (see CallReports); a half-hour zone falls back to UTC days.
            offset = TimeSpan.Zero;
        }

        return new Range(from, to, period, offset, zone, values);
    }

    private static void Figure(StringBuilder html, string id, string title, string svg, string[] header, IEnumerable<string[]> rows)
    {
        html.Append("<section class=\"card figure\" id=\"").Append(id).Append("\"><h2>").Append(Html.E(title)).Append("</h2><div class=\"side\">")
            .Append(svg).Append("<table class=\"numbers\"><thead><tr>");
        foreach (var h in header)
        {
            html.Append("<th>").Append(Html.E(h)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(Html.E(cell)).Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div></section>");
    }

    private static string Label(DateTimeOffset start, ReportPeriod period) => start.ToString(
        period switch { ReportPeriod.Hour => "HH:00", ReportPeriod.Day => "MM-dd", _ => "yyyy-MM" }, CultureInfo.InvariantCulture);

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string M(double minutes) => minutes.ToString("0.0", CultureInfo.InvariantCulture);

    private static string C(decimal charge) => charge.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Rate(ReportTotals t) => (t.AnswerRate * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string Key(string key) => key.Length == 0 ? "unknown" : key;
}
