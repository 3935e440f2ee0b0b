using System.Text;
using EdgePbx.Web.Api;
using EdgePbx.Web.Pages;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Web.Logs;

/// <summary>The daemon's recent log lines, filtered by level and text, on the System page and as JSON.</summary>
public static class LogEndpoints
{
    private static readonly (string Value, string Label, LogLevel Level)[] Levels =
    [
        ("", "Information and above", LogLevel.Information),
        ("warning", "Warnings and errors", LogLevel.Warning),
        ("error", "Errors only", LogLevel.Error),
        ("debug", "Everything kept", LogLevel.Trace),
    ];

    public static void MapLogs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/system/logs", (HttpContext http, RecentLog log, PlanEditor editor) =>
        {
            var q = http.Request.Query;
            var level = Levels.FirstOrDefault(l => l.Value == q["level"].ToString(), Levels[0]);
            var text = q["text"].ToString().Trim();
            var lines = log.Recent(level.Level).Where(l => text.Length == 0 || l.Message.Contains(text, StringComparison.OrdinalIgnoreCase) || l.Category.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
            var zone = BoxTime.Zone(editor.Current);
            var values = new FormValues { ["level"] = level.Value, ["text"] = text };
            var html = new StringBuilder("<p><a href=\"/system\">← System</a></p>");
            html.Append("<p class=\"lead\">The daemon's last ").Append(RecentLog.Capacity).Append(" log lines, newest first, kept in memory since it started (the full log is in the journal: <code>journalctl -u edgepbx</code>).</p>")
                .Append("<form method=\"get\" action=\"/system/logs\" class=\"card form wide\" id=\"log-filter\">")
                .Append(Form.Select("level", "Show", Levels.Select(l => (l.Value, l.Label)), values, new FieldIssues()))
                .Append(Form.Text("text", "Containing", values, new FieldIssues()))
                .Append("<button type=\"submit\">Filter</button></form>")
                .Append("<section class=\"card\"><table id=\"log\" class=\"log\"><thead><tr><th>Time</th><th>Level</th><th>Part</th><th>Message</th></tr></thead><tbody>");
            foreach (var line in lines)
            {
                html.Append("<tr class=\"level-").Append(Name(line.Level)).Append("\"><td>").Append(Html.E(BoxTime.Local(line.At, zone).ToString("MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)))
                    .Append("</td><td>").Append(Name(line.Level)).Append("</td><td>").Append(Html.E(line.Category)).Append("</td><td>").Append(Html.E(line.Message)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
            if (lines.Count == 0)
            {
                html.Append("<p>No log lines match.</p>");
            }

            return Page.Render(http, "Log", html.Append("</section>").ToString());
        }).RequireInstaller();

        endpoints.MapGet("/api/logs", (HttpContext http, RecentLog log) =>
        {
            var level = Levels.FirstOrDefault(l => l.Value == http.Request.Query["level"].ToString(), Levels[0]);
            var lines = log.Recent(level.Level).Select(l => new LogLineDto(l.At, Name(l.Level), l.Category, l.Message)).ToList();
            return Results.Json<IReadOnlyList<LogLineDto>>(lines, WebJsonContext.Default.IReadOnlyListLogLineDto);
        }).RequireInstaller();
    }

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };
}
