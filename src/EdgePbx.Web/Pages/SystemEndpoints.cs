using System.Globalization;
using System.Text;
using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Backup;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Plans;
using EdgePbx.Web.Api;
using EdgePbx.Web.Box;
using EdgePbx.Web.Files;
using EdgePbx.Web.Logs;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Pages;

/// <summary>Firmware version, the plan in force and its history (restore, roll back), backup download, recent changes.</summary>
public static class SystemEndpoints
{
    public static void MapSystem(this IEndpointRouteBuilder endpoints, WebShellInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        endpoints.MapGet("/system", (HttpContext http, PlanEditor editor, PlanHistory history, AuditLog audit, IBoxSettings settings, RecentLog log) =>
            Page.Render(http, "System", Render(http, info, editor, history, audit, null, settings, log))).RequireInstaller();

        endpoints.MapGet("/api/system/settings", (IBoxSettings settings) =>
            Results.Json<IReadOnlyList<SettingsSectionDto>>(
                settings.Sections().Select(s => new SettingsSectionDto(s.Title, s.Settings.Select(x => new SettingDto(x.Name, x.Value)).ToList())).ToList(),
                WebJsonContext.Default.IReadOnlyListSettingsSectionDto)).RequireInstaller();

        endpoints.MapPost("/system/plan/rollback", async Task<IResult> (HttpContext http, PlanEditor editor, PlanHistory history, AuditLog audit, IBoxSettings settings, RecentLog log) =>
        {
            var snapshot = await editor.RollBackAsync(Page.Actor(http), http.RequestAborted).ConfigureAwait(false);
            return snapshot is null
                ? Page.Render(http, "System", Render(http, info, editor, history, audit, "There is no last-known-good plan to roll back to; nothing changed.", settings, log), StatusCodes.Status409Conflict)
                : Results.Redirect("/system?done=rollback");
        }).RequireInstaller();

        endpoints.MapPost("/system/plan/{id}/restore", async Task<IResult> (HttpContext http, PlanEditor editor, PlanHistory history, AuditLog audit, IBoxSettings settings, RecentLog log) =>
        {
            var result = await PlanApiEndpoints.RestoreAsync(http, editor, history).ConfigureAwait(false);
            if (result is null)
            {
                return Page.NotFound(http, "That plan in history");
            }

            return result.Ok
                ? Results.Redirect("/system?done=restore")
                : Page.Render(http, "System", Render(http, info, editor, history, audit,
                    "That plan no longer validates; nothing changed: " + string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")), settings, log), StatusCodes.Status422UnprocessableEntity);
        }).RequireInstaller();

        // POST, not GET: the backup holds the phones' secrets, so it must be asked for by the page itself (CSRF token).
        endpoints.MapPost("/system/backup", async Task<IResult> (HttpContext http, PbxDatabase database, DataFolder folder, AuditLog audit, TimeProvider time) =>
        {
            var file = Path.Combine(folder.Root, $"web-backup-{Guid.NewGuid():N}.tar");
            var result = await BoxArchive.CreateAsync(database, folder.Root, file, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                File.Delete(file);
                return Page.Render(http, "Backup", $"<p><a href=\"/system\">← System</a></p><div class=\"card problems\" role=\"alert\" id=\"problems\"><p>No backup was made: {Html.E(result.Error)}.</p></div>",
                    StatusCodes.Status507InsufficientStorage);
            }

            await audit.AppendAsync(Page.Actor(http), "box.backup-downloaded", result.ToString(), http.RequestAborted).ConfigureAwait(false);
            var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            var name = $"edgepbx-backup-{time.GetUtcNow():yyyyMMdd-HHmm}.tar";
            return Results.File(stream, "application/x-tar", name);
        }).RequireInstaller();

        endpoints.MapGet("/api/system", (PlanEditor editor, PlanHistory history) =>
        {
            var s = editor.Snapshot;
            var body = new SystemResponse(info.Version, s?.Revision, s?.Source, s?.Sha256, s?.AppliedAt,
                history.Recent(50).Select(h => new PlanHistoryDto(h.Id, h.Version, h.Applied, h.IsCurrent, h.IsLastKnownGood)).ToList());
            return Results.Json(body, WebJsonContext.Default.SystemResponse);
        }).RequireInstaller();
    }

    private static string Render(HttpContext http, WebShellInfo info, PlanEditor editor, PlanHistory history, AuditLog audit, string? problem, IBoxSettings settings, RecentLog log)
    {
        var zone = BoxTime.Zone(editor.Current);
        var csrf = Page.Csrf(http);
        var html = new StringBuilder();
        if (problem is not null)
        {
            html.Append("<div class=\"card problems\" id=\"problems\" role=\"alert\"><p>").Append(Html.E(problem)).Append("</p></div>");
        }

        if (http.Request.Query["done"].ToString() is { Length: > 0 } done)
        {
            html.Append("<p class=\"card notice\" role=\"status\">").Append(done == "rollback" ? "Rolled back to the last-known-good plan." : "The older plan is in force again.").Append("</p>");
        }

        var s = editor.Snapshot;
        html.Append("<section class=\"card\" id=\"firmware\"><h2>This box</h2><dl><dt>Firmware</dt><dd>").Append(Html.E(info.Version)).Append("</dd>")
            .Append("<dt>Plan revision</dt><dd id=\"plan-revision\">").Append(s is null ? "no plan loaded" : s.Revision.ToString(CultureInfo.InvariantCulture)).Append("</dd>");
        if (s is not null)
        {
            html.Append("<dt>Plan from</dt><dd>").Append(Html.E(s.Source)).Append("</dd>")
                .Append("<dt>Applied</dt><dd>").Append(Html.E(BoxTime.Minute(s.AppliedAt, zone))).Append("</dd>")
                .Append("<dt>SHA-256</dt><dd><code>").Append(Html.E(s.Sha256)).Append("</code></dd>");
        }

        html.Append("<dt>Up for</dt><dd>").Append(Html.E(DashboardEndpoints.Uptime((long)info.Time.GetElapsedTime(info.StartedAt).TotalSeconds))).Append("</dd>")
            .Append("</dl><p><a class=\"button secondary\" href=\"/api/plan\" download=\"plan.json\">Download the plan (JSON)</a> ")
            .Append("<a class=\"button secondary\" href=\"/system/logs\" id=\"logs-link\">Log</a> ")
            .Append("<a class=\"button danger-solid\" href=\"/system/restart\" id=\"restart-link\">Restart or reboot…</a></p></section>");

        html.Append(BoxSettingsEndpoints.Pending(settings)).Append("<div class=\"columns\">");
        foreach (var section in settings.Sections())
        {
            html.Append(BoxSettingsEndpoints.Card(section));
        }

        html.Append("</div>");
        if (settings.Source is { } source)
        {
            html.Append("<p class=\"hint\" id=\"settings-source\">Settings in force, from <code>").Append(Html.E(source))
                .Append("</code>. ").Append(Html.E(BoxSettingsEndpoints.RestartNote)).Append("</p>");
        }

        var warnings = log.Recent(Microsoft.Extensions.Logging.LogLevel.Warning, 5);
        if (warnings.Count > 0)
        {
            html.Append("<section class=\"card\" id=\"warnings\"><h2>Latest warnings</h2><ul class=\"plain\">");
            foreach (var line in warnings)
            {
                html.Append("<li><span class=\"muted\">").Append(Html.E(BoxTime.Minute(line.At, zone))).Append("</span> ").Append(Html.E(line.Category)).Append(": ").Append(Html.E(line.Message)).Append("</li>");
            }

            html.Append("</ul><p><a href=\"/system/logs?level=warning\">All warnings</a></p></section>");
        }

        html.Append("<section class=\"card\" id=\"history\"><h2>Plan history</h2>")
            .Append(Inline("/system/plan/rollback", csrf, "Roll back to last-known-good", "rollback"))
            .Append("<table><thead><tr><th>#</th><th>Revision</th><th>Applied</th><th>State</th><th></th></tr></thead><tbody>");
        foreach (var entry in history.Recent(20))
        {
            var state = (entry.IsCurrent ? "in force " : string.Empty) + (entry.IsLastKnownGood ? "last-known-good" : string.Empty);
            html.Append("<tr><td>").Append(entry.Id.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Html.E(entry.Version))
                .Append("</td><td>").Append(Html.E(BoxTime.Minute(entry.Applied, zone))).Append("</td><td>").Append(Html.E(state.Trim())).Append("</td><td>")
                .Append(entry.IsCurrent ? string.Empty : Inline($"/system/plan/{entry.Id.ToString(CultureInfo.InvariantCulture)}/restore", csrf, "Use this plan again", null))
                .Append("</td></tr>");
        }

        html.Append("</tbody></table></section>");
        html.Append("<section class=\"card\" id=\"backup\"><h2>Backup and restore</h2><p>One file with everything on the box: call records, plans, accounts, the phones' SIP passwords, and the audio: welcome and menu prompts, voicemail greetings and voicemail messages (the messages come along because the backup's voicemail list refers to them). At most 512 MiB. Keep it safe.</p>")
            .Append(Inline("/system/backup", csrf, "Download backup", "download-backup"))
            .Append(BoxEndpoints.RestoreForm(csrf, new FieldIssues())).Append("</section>");

        html.Append("<section class=\"card\" id=\"audit\"><h2>Recent changes</h2><table><thead><tr><th>When</th><th>Who</th><th>What</th><th>Detail</th></tr></thead><tbody>");
        foreach (var entry in audit.Recent(25))
        {
            html.Append("<tr><td>").Append(Html.E(BoxTime.Minute(entry.At, zone))).Append("</td><td>").Append(Html.E(entry.Actor)).Append("</td><td>")
                .Append(Html.E(entry.Action)).Append("</td><td>").Append(Html.E(entry.Detail)).Append("</td></tr>");
        }

        return html.Append("</tbody></table></section>").ToString();
    }

    private static string Inline(string action, string csrf, string label, string? id) =>
        $"<form method=\"post\" class=\"inline\" action=\"{Html.E(action)}\"><input type=\"hidden\" name=\"csrf\" value=\"{Html.E(csrf)}\">" +
        $"<button type=\"submit\"{(id is null ? string.Empty : $" id=\"{id}\"")}>{Html.E(label)}</button></form>";
}
