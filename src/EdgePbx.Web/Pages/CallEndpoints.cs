using System.Globalization;
using System.Text;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Export;
using EdgePbx.Web.Api;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Pages;

/// <summary>Call records: search with keyset paging, CSV/JSON download of a date range, and the same as JSON.</summary>
public static class CallEndpoints
{
    private static readonly (string Value, string Label, CallOutcome? Outcome)[] Outcomes =
    [
        ("", "Any outcome", null),
        ("answered", "Answered", CallOutcome.Answered),
        ("missed", "Missed", CallOutcome.Missed),
        ("busy", "Busy", CallOutcome.Busy),
        ("blocked", "Blocked", CallOutcome.Blocked),
        ("voicemail", "Voicemail", CallOutcome.Voicemail),
        ("fax", "Fax", CallOutcome.Fax),
        ("failed", "Failed", CallOutcome.Failed),
    ];

    public static void MapCalls(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/calls", (HttpContext http, PlanEditor editor, CallRecordSearch search) =>
        {
            var zone = BoxTime.Zone(editor.Current);
            var issues = new FieldIssues();
            var query = Parse(http.Request.Query, zone, issues, out var values);
            var html = new StringBuilder();
            html.Append("<form method=\"get\" action=\"/calls\" class=\"card form wide\" id=\"search\" novalidate>")
                .Append(Form.Text("from", "From (day)", values, issues, null, "date"))
                .Append(Form.Text("to", "Until (day, included)", values, issues, null, "date"))
                .Append(Form.Text("number", "Caller or called number", values, issues))
                .Append(Form.Text("extension", "Extension", values, issues))
                .Append(Form.Select("outcome", "Outcome", Outcomes.Select(o => (o.Value, o.Label)), values, issues))
                .Append("<button type=\"submit\">Search</button></form>");
            if (issues.Any)
            {
                return Page.Render(http, "Call records", html.ToString(), 400);
            }

            var page = search.Search(query);
            var filters = Filters(values);
            html.Append("<p><a class=\"button\" id=\"csv\" href=\"/calls/export.csv?").Append(Html.E(filters)).Append("\">Download CSV</a> ")
                .Append("<a class=\"button secondary\" href=\"/api/calls/export?format=json&amp;").Append(Html.E(filters)).Append("\">Download JSON</a></p>");
            html.Append("<section class=\"card\"><table id=\"calls\"><thead><tr><th>Start</th><th>Caller</th><th>Region</th><th>Called</th><th>Destination</th>")
                .Append("<th>Outcome</th><th>Answered by</th><th>Duration</th><th>Charge</th></tr></thead><tbody>");
            foreach (var call in page.Items)
            {
                var r = call.Record;
                html.Append("<tr><td>").Append(Html.E(BoxTime.Minute(r.Start, zone))).Append("</td><td>").Append(Html.E(r.Caller))
                    .Append("</td><td>").Append(Html.E(r.CallerRegion)).Append("</td><td>").Append(Html.E(r.Called))
                    .Append("</td><td>").Append(Html.E(r.Destination)).Append("</td><td>").Append(Html.E(ExportNames.Outcome(r.Outcome)))
                    .Append(r.OutcomeReason.Length > 0 ? " (" + Html.E(r.OutcomeReason) + ")" : string.Empty)
                    .Append("</td><td>").Append(Html.E(r.AnsweredBy)).Append("</td><td>").Append(Html.E(DashboardEndpoints.Duration((long)r.Duration.TotalSeconds)))
                    .Append("</td><td>").Append(r.Charge.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
            if (page.Items.IsEmpty)
            {
                html.Append("<p>No calls match.</p>");
            }

            html.Append("</section>");
            if (page.Next is { } next)
            {
                html.Append("<p><a class=\"button\" id=\"next\" href=\"/calls?").Append(Html.E(filters)).Append("&amp;after=")
                    .Append(Html.E(Uri.EscapeDataString(next.ToString()))).Append("\">Older calls</a></p>");
            }

            return Page.Render(http, "Call records", html.ToString());
        }).RequireInstaller();

        endpoints.MapGet("/api/calls", (HttpContext http, PlanEditor editor, CallRecordSearch search) =>
        {
            var issues = new FieldIssues();
            var query = Parse(http.Request.Query, BoxTime.Zone(editor.Current), issues, out _);
            if (issues.Any)
            {
                return RequestBody.Error(StatusCodes.Status400BadRequest, string.Join("; ", issues.ByField.Select(i => $"{i.Key}: {i.Value}")));
            }

            var page = search.Search(query);
            var calls = page.Items.Select(c => new CallDto(
                c.RowId, c.Record.CallId, c.Record.Caller, c.Record.CallerRegion, c.Record.Called, c.Record.Destination, c.Record.Start, c.Record.Answer,
                c.Record.End, (long)c.Record.Duration.TotalSeconds, ExportNames.Outcome(c.Record.Outcome), c.Record.OutcomeReason, c.Record.AnsweredBy, c.Record.Charge)).ToList();
            return Results.Json(new CallsResponse(calls, page.Next?.ToString()), WebJsonContext.Default.CallsResponse);
        }).RequireInstaller();

        endpoints.MapGet("/calls/export.csv", (HttpContext http, PlanEditor editor, PbxDatabase database, CallRecordSearch search, TimeProvider time) =>
            ExportAsync(http, editor, database, search, time, ExportFormat.Csv)).RequireInstaller();

        endpoints.MapGet("/api/calls/export", (HttpContext http, PlanEditor editor, PbxDatabase database, CallRecordSearch search, TimeProvider time) =>
            ExportAsync(http, editor, database, search, time, http.Request.Query["format"] == "json" ? ExportFormat.Json : ExportFormat.Csv)).RequireInstaller();
    }

    private static async Task<IResult> ExportAsync(HttpContext http, PlanEditor editor, PbxDatabase database, CallRecordSearch search, TimeProvider time, ExportFormat format)
    {
        var zone = BoxTime.Zone(editor.Current);
        var issues = new FieldIssues();
        var query = Parse(http.Request.Query, zone, issues, out _);
        if (issues.Any)
        {
            return RequestBody.Error(StatusCodes.Status400BadRequest, string.Join("; ", issues.ByField.Select(i => $"{i.Key}: {i.Value}")));
        }

        var from = query.From ?? BoxTime.StartOfDay(time.GetUtcNow(), zone).AddDays(-30);
        var to = query.To ?? time.GetUtcNow().AddSeconds(1);
        var name = $"edgepbx-calls-{BoxTime.Day(from, zone)}-to-{BoxTime.Day(to.AddSeconds(-1), zone)}.{(format == ExportFormat.Csv ? "csv" : "json")}";
        http.Response.ContentType = format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        if (query.Number is null && query.Extension is null && query.Outcome is null)
        {
            // The whole range: CdrExport streams it oldest first from one snapshot.
            await CdrExport.ExportAsync(database, from, to, format, http.Response.Body, http.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            await ExportFilteredAsync(search, query with { From = from, To = to, After = null, PageSize = CallSearch.MaxPageSize }, format, http.Response.Body, http.RequestAborted).ConfigureAwait(false);
        }

        return Results.Empty;
    }

    /// <summary>
    /// What the search shows, as a file: walks the filtered search page by page (newest first, like the page),
    /// so only one page of records is in memory however many match.
    /// </summary>
    private static async Task ExportFilteredAsync(CallRecordSearch search, CallSearch query, ExportFormat format, Stream output, CancellationToken cancellationToken)
    {
        if (format == ExportFormat.Csv)
        {
            await using var csv = new CsvCallWriter(output);
            await csv.WriteHeaderAsync(cancellationToken).ConfigureAwait(false);
            for (CallPage? page = null; page is null || page.Next is not null;)
            {
                page = search.Search(query with { After = page?.Next });
                foreach (var call in page.Items)
                {
                    await csv.WriteAsync(call.Record, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        else
        {
            await using var json = new JsonCallWriter(output);
            json.WriteStart();
            for (CallPage? page = null; page is null || page.Next is not null;)
            {
                page = search.Search(query with { After = page?.Next });
                foreach (var call in page.Items)
                {
                    await json.WriteAsync(call.Record, cancellationToken).ConfigureAwait(false);
                }
            }

            await json.WriteEndAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static CallSearch Parse(IQueryCollection q, TimeZoneInfo zone, FieldIssues issues, out FormValues values)
    {
        values = new FormValues
        {
            ["from"] = q["from"].ToString(),
            ["to"] = q["to"].ToString(),
            ["number"] = q["number"].ToString(),
            ["extension"] = q["extension"].ToString(),
            ["outcome"] = q["outcome"].ToString(),
        };
        DateTimeOffset? from = null, to = null;
        if (values.Text("from").Length > 0)
        {
            if (BoxTime.TryParse(values.Text("from"), zone, out var f))
            {
                from = f;
            }
            else
            {
                issues.Add("from", "give a day, yyyy-MM-dd");
            }
        }

        if (values.Text("to").Length > 0)
        {
            if (BoxTime.TryParse(values.Text("to"), zone, out var t))
            {
                to = t.AddDays(1);
            }
            else
            {
                issues.Add("to", "give a day, yyyy-MM-dd");
            }
        }

        var chosen = values["outcome"];
        var outcome = Outcomes.FirstOrDefault(o => o.Value == chosen);
        if (outcome.Value is null)
        {
            issues.Add("outcome", "choose an outcome");
        }

        CallCursor? after = null;
        if (q["after"].ToString() is { Length: > 0 } cursorText)
        {
            if (CallCursor.TryParse(cursorText, out var cursor))
            {
                after = cursor;
            }
            else
            {
                issues.Add("after", "not a page cursor");
            }
        }

        var size = 50;
        if (q["pageSize"].ToString() is { Length: > 0 } sizeText && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > CallSearch.MaxPageSize))
        {
            issues.Add("pageSize", $"1 to {CallSearch.MaxPageSize}");
        }

        return new CallSearch
        {
            From = from,
            To = to,
            Number = values.Optional("number"),
            Extension = values.Optional("extension"),
            Outcome = outcome.Outcome,
            After = after,
            PageSize = size,
        };
    }

    private static readonly string[] FilterNames = ["from", "to", "number", "extension", "outcome"];

    private static string Filters(FormValues values) =>
        string.Join("&", FilterNames.Select(k => k + "=" + Uri.EscapeDataString(values.Text(k))));
}
