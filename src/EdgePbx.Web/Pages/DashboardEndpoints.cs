using System.Globalization;
using System.Text;
using EdgePbx.Web.Health;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Pages;

/// <summary>The dashboard page and the status API it refreshes from.</summary>
public static class DashboardEndpoints
{
    public static void MapDashboard(this IEndpointRouteBuilder endpoints, WebShellInfo info)
    {
        endpoints.MapGet("/", (HttpContext http, IInstallerAccounts accounts, SessionStore sessions, IEnumerable<IReadinessCheck> checks) =>
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
            return PageLayout.Render("Dashboard", Render(status), session.User, session.CsrfToken);
        });

        endpoints.MapGet("/api/status", (IEnumerable<IReadinessCheck> checks) =>
            Results.Json(Status(info, checks), WebJsonContext.Default.StatusResponse)).AddEndpointFilter<InstallerGuard>();
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

    private static string Render(StatusResponse status)
    {
        var html = new StringBuilder();
        html.Append("<section class=\"card\" id=\"box\"><h2>This box</h2><dl>")
            .Append("<dt>Firmware</dt><dd>").Append(Html.E(status.Version)).Append("</dd>")
            .Append("<dt>Up for</dt><dd data-live=\"uptime\">").Append(Html.E(Uptime(status.UptimeSeconds))).Append("</dd>")
            .Append("<dt>Taking calls</dt><dd data-live=\"ready\">").Append(status.Ready ? "yes" : "no").Append("</dd>")
            .Append("</dl></section>");
        html.Append("<section class=\"card\" id=\"checks\"><h2>Checks</h2><table><thead><tr><th>Check</th><th>State</th><th>Detail</th></tr></thead><tbody>");
        foreach (var check in status.Checks)
        {
            html.Append("<tr class=\"").Append(check.Ready ? "ok" : "bad").Append("\"><td>").Append(Html.E(check.Name))
                .Append("</td><td>").Append(check.Ready ? "ready" : "NOT READY").Append("</td><td>").Append(Html.E(check.Detail)).Append("</td></tr>");
        }
        html.Append("</tbody></table></section>");
        return html.ToString();
    }

    public static string Uptime(long seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Hours} h {span.Minutes} min");
    }
}
