using System.Globalization;
using System.Text;
using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Backup;
using EdgePbx.Web.Api;
using EdgePbx.Web.Files;
using EdgePbx.Web.Pages;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using EdgePbx.Web.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Box;

/// <summary>Restart the service or reboot the box (after a confirmation), and restore a backup file uploaded from the laptop.</summary>
public static class BoxEndpoints
{
    /// <summary>The largest backup accepted (a box's database with a few years of records and its audio stays below it).</summary>
    public const long MaxRestoreBytes = BoxArchive.MaxBytes;

    public static void MapBox(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/system/restart", (HttpContext http, IPbxStatusSource status) =>
            Page.Render(http, "Restart or reboot", RestartPage(http, status, new FieldIssues()))).RequireInstaller();

        endpoints.MapPost("/system/restart", async Task<IResult> (HttpContext http, IPbxStatusSource status, IBoxControl control, AuditLog audit) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            var issues = new FieldIssues();
            BoxRestart? what = form["what"].ToString() switch { "service" => BoxRestart.Service, "machine" => BoxRestart.Machine, _ => null };
            if (what is null)
            {
                issues.AddGeneral("Choose the service or the whole box.");
            }
            else if (form["confirm"] != "on")
            {
                issues.Add(ConfirmField(what.Value), "Tick this to confirm: calls in progress are cut off.");
            }

            if (issues.Any)
            {
                return Page.Render(http, "Restart or reboot", RestartPage(http, status, issues), StatusCodes.Status400BadRequest);
            }

            var refusal = await RequestAsync(what!.Value, control, audit, Page.Actor(http), "asked on the System page", http.RequestAborted).ConfigureAwait(false);
            if (refusal is not null)
            {
                issues.AddGeneral(refusal);
                return Page.Render(http, "Restart or reboot", RestartPage(http, status, issues), StatusCodes.Status503ServiceUnavailable);
            }

            return Restarting(what.Value == BoxRestart.Service ? "The EdgePbx service is restarting." : "The box is rebooting.", what.Value == BoxRestart.Service ? 10 : 90);
        }).RequireInstaller();

        endpoints.MapPost("/api/box/restart", async Task<IResult> (HttpContext http, IBoxControl control, AuditLog audit) =>
        {
            var (body, error) = await PlanWideSettingsEndpoints.Read(http, WebJsonContext.Default.RestartBody).ConfigureAwait(false);
            if (body is null)
            {
                return error!;
            }

            BoxRestart? what = body.What switch { "service" => BoxRestart.Service, "machine" => BoxRestart.Machine, _ => null };
            if (what is null)
            {
                return RequestBody.Error(StatusCodes.Status400BadRequest, "what: \"service\" or \"machine\"");
            }

            var refusal = await RequestAsync(what.Value, control, audit, Page.Actor(http), "asked through the API", http.RequestAborted).ConfigureAwait(false);
            return refusal is null ? Results.Accepted() : RequestBody.Error(StatusCodes.Status503ServiceUnavailable, refusal);
        }).RequireInstaller();

        endpoints.MapPost("/system/restore", async Task<IResult> (HttpContext http, DataFolder folder, IBoxControl control, AuditLog audit, TimeProvider time) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            var file = form.Files.GetFile("file");
            var issues = new FieldIssues();
            if (file is null || file.Length == 0)
            {
                issues.Add("restore.file", "Choose a backup file (edgepbx-backup-….tar) to restore.");
            }

            if (form["confirm"] != "on")
            {
                issues.Add("restore.confirm", "Tick this to confirm: everything on the box is replaced by the backup.");
            }

            if (issues.Any)
            {
                return RestoreRefused(http, issues);
            }

            // The upload goes to the data folder (same disk as the database), checked and copied from there.
            var upload = Path.Combine(folder.Root, $"web-restore-{Guid.NewGuid():N}.upload");
            ArchiveResult result;
            try
            {
                await using (var target = new FileStream(upload, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
                {
                    await file!.CopyToAsync(target, http.RequestAborted).ConfigureAwait(false);
                }

                result = await BoxArchive.RestoreAsync(folder.Root, upload, time, MaxRestoreBytes, http.RequestAborted).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                result = ArchiveResult.Refused("the box could not store the upload: " + e.Message);
            }
            finally
            {
                File.Delete(upload);
            }

            if (!result.Succeeded)
            {
                issues.Add("restore.file", $"Not restored, nothing changed: {result.Error?.Replace(upload, file!.FileName, StringComparison.Ordinal)}.");
                return RestoreRefused(http, issues);
            }

            await audit.AppendAsync(Page.Actor(http), "box.restored", string.Create(CultureInfo.InvariantCulture, $"{file!.FileName}: {result}"), http.RequestAborted).ConfigureAwait(false);

            // The running service still holds what it loaded from the old database (plan, phones): it restarts to load the restored one.
            var refusal = await RequestAsync(BoxRestart.Service, control, audit, Page.Actor(http), "to load the restored backup", http.RequestAborted).ConfigureAwait(false);
            return refusal is null
                ? Restarting("The backup is restored. The EdgePbx service restarts to load it.", 10)
                : Page.Render(http, "Backup restored", $"<p class=\"card notice\" role=\"status\">The backup is restored.</p><div class=\"card problems\" role=\"alert\"><p>Restart the EdgePbx service to load it: {Html.E(refusal)}.</p></div>");
        }).RequireInstaller().WithMetadata(new BodyLimit(MaxRestoreBytes));
    }

    /// <summary>The restore form for the System page; <paramref name="issues"/> beside its fields.</summary>
    public static string RestoreForm(string csrf, FieldIssues issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        return "<form method=\"post\" action=\"/system/restore\" enctype=\"multipart/form-data\" class=\"form\" id=\"restore\">" +
            $"<input type=\"hidden\" name=\"csrf\" value=\"{Html.E(csrf)}\">" +
            "<div class=\"field\"><label for=\"f-restore-file\">Restore from a backup file</label><small class=\"hint\">A file downloaded here before. It replaces call records, plans, accounts, phone passwords, prompts, greetings and voicemail messages. (An older backup that holds only the database keeps the audio on the box.)</small>" +
            "<input id=\"f-restore-file\" name=\"file\" type=\"file\" accept=\".tar,.db,application/x-tar,application/vnd.sqlite3\"" + Invalid("restore.file", issues) + ">" + Problem("restore.file", issues) + "</div>" +
            "<div class=\"field\"><label class=\"check\"><input id=\"f-restore-confirm\" name=\"confirm\" type=\"checkbox\"" + Invalid("restore.confirm", issues) + "> Replace everything on this box with the backup</label>" + Problem("restore.confirm", issues) + "</div>" +
            "<button type=\"submit\" class=\"danger-solid\">Restore</button></form>";
    }

    private static IResult RestoreRefused(HttpContext http, FieldIssues issues) =>
        Page.Render(http, "Restore a backup", "<p><a href=\"/system\">← System</a></p><section class=\"card\">" + RestoreForm(Page.Csrf(http), issues) + "</section>", StatusCodes.Status400BadRequest);

    private static async Task<string?> RequestAsync(BoxRestart what, IBoxControl control, AuditLog audit, string actor, string why, CancellationToken cancellationToken)
    {
        var refusal = await control.RestartAsync(what, cancellationToken).ConfigureAwait(false);
        if (refusal is null)
        {
            await audit.AppendAsync(actor, what == BoxRestart.Service ? "box.restart-requested" : "box.reboot-requested", why, CancellationToken.None).ConfigureAwait(false);
        }

        return refusal;
    }

    private static IResult Restarting(string what, int seconds) =>
        PageLayout.Render("Restarting",
            $"<p class=\"card notice\" role=\"status\" id=\"restarting\">{Html.E(what)} This page goes to the login in about {seconds.ToString(CultureInfo.InvariantCulture)} seconds.</p>",
            refreshSeconds: seconds, refreshTo: "/login");

    private static string ConfirmField(BoxRestart what) => what == BoxRestart.Service ? "confirm-service" : "confirm-machine";

    private static string RestartPage(HttpContext http, IPbxStatusSource status, FieldIssues issues)
    {
        var csrf = Page.Csrf(http);
        var calls = status.Current().ActiveCalls;
        var html = new StringBuilder("<p><a href=\"/system\">← System</a></p>").Append(Form.General(issues));
        html.Append("<p class=\"lead\">").Append(calls switch
        {
            null => "Calls in progress are cut off.",
            0 => "No calls are in progress right now.",
            1 => "1 call is in progress and will be cut off.",
            _ => $"{calls.Value.ToString(CultureInfo.InvariantCulture)} calls are in progress and will be cut off.",
        }).Append(" Phones register again by themselves.</p><div class=\"columns\">");
        foreach (var (what, title, text, button) in new[]
        {
            ("service", "Restart the EdgePbx service", "Takes about 5 seconds. Use it after restoring a backup or when something seems stuck.", "Restart the service"),
            ("machine", "Reboot the box", "Takes about a minute. The trunk and the phones are offline meanwhile.", "Reboot the box"),
        })
        {
            var field = "confirm-" + what;
            html.Append("<form method=\"post\" action=\"/system/restart\" class=\"card form\" id=\"restart-").Append(what).Append("\">")
                .Append("<h2>").Append(Html.E(title)).Append("</h2><p>").Append(Html.E(text)).Append("</p>")
                .Append("<input type=\"hidden\" name=\"csrf\" value=\"").Append(Html.E(csrf)).Append("\"><input type=\"hidden\" name=\"what\" value=\"").Append(what).Append("\">")
                .Append("<div class=\"field\"><label class=\"check\"><input id=\"f-").Append(field).Append("\" name=\"confirm\" type=\"checkbox\"").Append(Invalid(field, issues))
                .Append("> I understand calls in progress are cut off</label>").Append(Problem(field, issues)).Append("</div>")
                .Append("<button type=\"submit\" class=\"danger-solid\">").Append(Html.E(button)).Append("</button></form>");
        }

        return html.Append("</div>").ToString();
    }

    private static string Invalid(string name, FieldIssues issues) =>
        issues.For(name) is null ? string.Empty : $" aria-invalid=\"true\" aria-describedby=\"{Form.Id(name)}-problem\"";

    private static string Problem(string name, FieldIssues issues) =>
        issues.For(name) is { } message ? $"<p class=\"problem\" id=\"{Form.Id(name)}-problem\">{Html.E(message)}</p>" : string.Empty;
}

/// <summary>POST /api/box/restart: "service" or "machine".</summary>
public sealed record RestartBody(string What);
