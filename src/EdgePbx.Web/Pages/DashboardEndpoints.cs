using System.Globalization;
using System.Text;
using EdgePbx.Storage.Reports;
using EdgePbx.Web.Api;
using EdgePbx.Web.Health;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using EdgePbx.Web.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Pages;

/// <summary>The dashboard page and the status APIs it refreshes from.</summary>
public static class DashboardEndpoints
{
    public static void MapDashboard(this IEndpointRouteBuilder endpoints, WebShellInfo info)
    {
        endpoints.MapGet("/", (HttpContext http, IInstallerAccounts accounts, SessionStore sessions, IEnumerable<IReadinessCheck> checks,
            PlanEditor editor, IPbxStatusSource source, CallReports reports) =>
        {
            if (!accounts.HasAnyAccount())
            {
                return Results.Redirect("/setup");
            }
            var session = sessions.Find(http.Request.Cookies[Cookies.Session]);
            if (session is null)
            {
                return Results.Redirect("/login");
            }
            var status = Status(info, checks);
            var dashboard = Dashboard(info, status, editor, source, reports);
            return PageLayout.Render("Dashboard", Render(status, dashboard, editor, source.Current()), session.User, session.CsrfToken, path: "/");
        });

        endpoints.MapGet("/api/status", (IEnumerable<IReadinessCheck> checks) =>
            Results.Json(Status(info, checks), WebJsonContext.Default.StatusResponse)).RequireInstaller();

        endpoints.MapGet("/api/dashboard", (IEnumerable<IReadinessCheck> checks, PlanEditor editor, IPbxStatusSource source, CallReports reports) =>
            Results.Json(Dashboard(info, Status(info, checks), editor, source, reports), WebJsonContext.Default.DashboardResponse)).RequireInstaller();
    }

    private static StatusResponse Status(WebShellInfo info, IEnumerable<IReadinessCheck> checks)
    {
        var reports = checks.Select(c =>
        {
            var r = c.Check();
            return new ReadinessCheckReport(c.Name, r.Ready, r.Detail);
        }).ToList();
        return new StatusResponse(info.Version, (long)info.Time.GetElapsedTime(info.StartedAt).TotalSeconds,
            reports.Count > 0 && reports.TrueForAll(r => r.Ready), reports);
    }

    private static DashboardResponse Dashboard(WebShellInfo info, StatusResponse status, PlanEditor editor, IPbxStatusSource source, CallReports reports)
    {
        var live = source.Current();
        var now = info.Time.GetUtcNow();
        var today = reports.Summary(BoxTime.StartOfDay(now, BoxTime.Zone(editor.Current)), now.AddSeconds(1));
        return new DashboardResponse(status.Version, status.UptimeSeconds, status.Ready, editor.Snapshot?.Revision, live.TrunkState, live.RegisteredPhones,
            live.ActiveCalls, live.CloudSync, today.Calls, today.Answered);
    }

    private static string Render(StatusResponse status, DashboardResponse d, PlanEditor editor, PbxStatus live)
    {
        var html = new StringBuilder();
        html.Append("<div class=\"tiles\">")
            .Append(Tile("calls-now", "Calls now", Known(d.ActiveCalls)))
            .Append(Tile("phones", "Registered phones", Known(d.RegisteredPhones)))
            .Append(Tile("trunk", "Trunk", d.TrunkState ?? "not reported"))
            .Append(Tile("today", "Calls today", d.CallsToday.ToString(CultureInfo.InvariantCulture)))
            .Append(Tile("answer-rate", "Answered today", d.CallsToday == 0 ? "–" : (100.0 * d.AnsweredToday / d.CallsToday).ToString("0", CultureInfo.InvariantCulture) + " %"))
            .Append("</div>");
        html.Append("<section class=\"card\" id=\"box\"><h2>This box</h2><dl>")
            .Append("<dt>Firmware</dt><dd>").Append(Html.E(status.Version)).Append("</dd>")
            .Append("<dt>Up for</dt><dd data-live=\"uptime\">").Append(Html.E(Uptime(status.UptimeSeconds))).Append("</dd>")
            .Append("<dt>Taking calls</dt><dd data-live=\"ready\">").Append(status.Ready ? "yes" : "no").Append("</dd>")
            .Append("<dt>Plan revision</dt><dd id=\"plan-revision\">").Append(d.PlanRevision is { } r ? r.ToString(CultureInfo.InvariantCulture) : "no plan loaded").Append("</dd>");
        if (editor.Snapshot is { } s)
        {
            html.Append("<dt>Plan from</dt><dd>").Append(Html.E(s.Source)).Append("</dd>");
        }

        html.Append("<dt>Cloud sync</dt><dd>").Append(Html.E(d.CloudSync ?? "not reported")).Append("</dd>")
            .Append("</dl></section>");
        html.Append("<section class=\"card\" id=\"panel\"><h2>Front panel</h2>");
        if (live.Lines.Count == 0)
        {
            html.Append("<p>The line LEDs are not reported yet.</p>");
        }
        else
        {
            html.Append("<ul class=\"leds\">");
            foreach (var line in live.Lines)
            {
                html.Append("<li><span class=\"led led-").Append(Html.E(line.Led)).Append("\" title=\"").Append(Html.E(line.Led)).Append("\"></span>")
                    .Append(Html.E(line.Line)).Append(" <small>").Append(Html.E(line.Detail)).Append("</small></li>");
            }

            html.Append("</ul>");
        }

        html.Append("</section>");
        html.Append("<section class=\"card\" id=\"checks\"><h2>Checks</h2><table><thead><tr><th>Check</th><th>State</th><th>Detail</th></tr></thead><tbody>");
        foreach (var check in status.Checks)
        {
            html.Append("<tr class=\"").Append(check.Ready ? "ok" : "bad").Append("\"><td>").Append(Html.E(check.Name))
                .Append("</td><td>").Append(check.Ready ? "ready" : "NOT READY").Append("</td><td>").Append(Html.E(check.Detail)).Append("</td></tr>");
        }
        html.Append("</tbody></table></section>");
        return html.ToString();
    }

    private static string Known(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "not reported";

    private static string Tile(string id, string label, string value) =>
        $"<div class=\"tile\" id=\"tile-{id}\"><span class=\"label\">{Html.E(label)}</span><span class=\"value{(value == "not reported" ? " unknown" : string.Empty)}\" data-live=\"{id}\">{Html.E(value)}</span></div>";

    public static string Uptime(long seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Hours} h {span.Minutes} min");
    }

    public static string Duration(long seconds) =>
        seconds >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}:{seconds % 3600 / 60:00}:{seconds % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}:{seconds % 60:00}");
}
