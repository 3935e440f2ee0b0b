using System.Globalization;
using System.Text;
using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Switchboard.Voicemail;
using EdgePbx.Web.Api;
using EdgePbx.Web.Files;
using EdgePbx.Web.Pages;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Voicemail;

/// <summary>
/// Voicemail messages from the storage index and the WAV files in the data folder's voicemail/: list, listen,
/// download, delete. A message is named by its numeric index id only; the file comes from the index row and
/// must lie inside voicemail/, so no request can reach any other file. A delete goes through the engine's
/// <see cref="VoicemailBoxes"/>, so the owner's phones get their message-waiting NOTIFY.
/// </summary>
public static class VoicemailEndpoints
{
    private const int PageSize = 200;

    public static void MapVoicemail(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/voicemail", (HttpContext http, PlanEditor editor, VoicemailLookup lookup, DataFolder folder) =>
            Page.Render(http, "Voicemail", Render(http, editor, lookup, folder))).RequireInstaller();

        endpoints.MapGet("/api/voicemail", (HttpContext http, VoicemailLookup lookup) =>
        {
            var box = http.Request.Query["box"].ToString();
            var list = lookup.Recent(PageSize, box.Length == 0 ? null : box)
                .Select(m => new VoicemailDto(m.Id, m.Mailbox, m.Caller, m.Received, (long)m.Duration.TotalSeconds, m.Heard)).ToList();
            return Results.Json<IReadOnlyList<VoicemailDto>>(list, WebJsonContext.Default.IReadOnlyListVoicemailDto);
        }).RequireInstaller();

        endpoints.MapGet("/api/voicemail/{id}/audio", (HttpContext http, PlanEditor editor, VoicemailLookup lookup, DataFolder folder) =>
        {
            if (Find(http, lookup, folder) is not { } found)
            {
                return RequestBody.Error(StatusCodes.Status404NotFound, "no such voicemail");
            }

            return WavResponse.Serve(http, found.Path, () => DownloadName(found.Message, BoxTime.Zone(editor.Current)));
        }).RequireInstaller();

        endpoints.MapPost("/voicemail/{id}/delete", async Task<IResult> (HttpContext http, VoicemailLookup lookup, VoicemailBoxes boxes, AuditLog audit) =>
            await DeleteAsync(http, lookup, boxes, audit).ConfigureAwait(false)
                ? Results.Redirect("/voicemail?deleted=1")
                : Page.NotFound(http, "That voicemail")).RequireInstaller();

        endpoints.MapDelete("/api/voicemail/{id}", async Task<IResult> (HttpContext http, VoicemailLookup lookup, VoicemailBoxes boxes, AuditLog audit) =>
            await DeleteAsync(http, lookup, boxes, audit).ConfigureAwait(false)
                ? Results.NoContent()
                : RequestBody.Error(StatusCodes.Status404NotFound, "no such voicemail")).RequireInstaller();
    }

    private sealed record Found(VoicemailMessage Message, string Path);

    /// <summary>The message of the route's id with its file, or null: unknown id, id not a number, file missing or outside voicemail/.</summary>
    private static Found? Find(HttpContext http, VoicemailLookup lookup, DataFolder folder)
    {
        if (MessageOf(http, lookup) is not { } message)
        {
            return null;
        }

        var path = DataFolder.Inside(folder.Voicemail, message.FileName);
        return path is not null && File.Exists(path) ? new Found(message, path) : null;
    }

    /// <summary>The message of the route's {id}, or null when the id is not a number or names no message.</summary>
    private static VoicemailMessage? MessageOf(HttpContext http, VoicemailLookup lookup) =>
        long.TryParse(PlanSectionEndpoints.RouteId(http), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? lookup.Find(id) : null;

    /// <summary>
    /// Through the mailboxes, as a delete from the phone's mailbox menu: index entry first, then the file (a stray
    /// file is harmless, a dangling entry is not), then the message-summary NOTIFY (RFC 3842) to the owner's phones.
    /// </summary>
    private static async Task<bool> DeleteAsync(HttpContext http, VoicemailLookup lookup, VoicemailBoxes boxes, AuditLog audit)
    {
        if (MessageOf(http, lookup) is not { } message || !await boxes.DeleteAsync(message).ConfigureAwait(false))
        {
            return false;
        }

        await audit.AppendAsync(Page.Actor(http), "voicemail.deleted",
            string.Create(CultureInfo.InvariantCulture, $"box {message.Mailbox}: message {message.Id} from {message.Caller} ({message.Received:yyyy-MM-dd HH:mm}Z)"), http.RequestAborted).ConfigureAwait(false);
        return true;
    }

    private static string DownloadName(VoicemailMessage m, TimeZoneInfo zone)
    {
        var caller = new string(m.Caller.Where(char.IsAsciiLetterOrDigit).Take(32).ToArray());
        return string.Create(CultureInfo.InvariantCulture, $"voicemail-{m.Mailbox}-{BoxTime.Local(m.Received, zone):yyyyMMdd-HHmm}-{(caller.Length == 0 ? "unknown" : caller)}.wav");
    }

    private static string Render(HttpContext http, PlanEditor editor, VoicemailLookup lookup, DataFolder folder)
    {
        var plan = editor.Current;
        var zone = BoxTime.Zone(plan);
        var box = http.Request.Query["box"].ToString();
        var boxes = plan.Extensions.Where(e => e.Value.Voicemail).Select(e => (e.Key, e.Value.Name)).ToList();
        var html = new StringBuilder();
        if (http.Request.Query.ContainsKey("deleted"))
        {
            html.Append("<p class=\"card notice\" role=\"status\">The message was deleted.</p>");
        }

        html.Append("<form method=\"get\" action=\"/voicemail\" class=\"card form wide\" id=\"box-filter\"><div class=\"field\"><label for=\"f-box\">Mailbox</label><select id=\"f-box\" name=\"box\">")
            .Append("<option value=\"\">Every mailbox</option>");
        foreach (var (id, name) in boxes)
        {
            html.Append("<option value=\"").Append(Html.E(id)).Append('"').Append(id == box ? " selected" : string.Empty).Append('>')
                .Append(Html.E(name is null ? id : $"{id} {name}")).Append("</option>");
        }

        html.Append("</select></div><button type=\"submit\">Show</button></form>");
        var messages = lookup.Recent(PageSize, box.Length == 0 ? null : box);
        var csrf = Page.Csrf(http);
        html.Append("<section class=\"card\"><table id=\"voicemail\"><thead><tr><th>Received</th><th>Mailbox</th><th>Caller</th><th>Length</th><th></th><th>Listen</th><th></th></tr></thead><tbody>");
        foreach (var m in messages)
        {
            var id = m.Id.ToString(CultureInfo.InvariantCulture);
            var present = DataFolder.Inside(folder.Voicemail, m.FileName) is { } path && File.Exists(path);
            var owner = plan.Extensions.TryGetValue(m.Mailbox, out var ext) && ext.Name is { } n ? $"{m.Mailbox} {n}" : m.Mailbox;
            html.Append("<tr data-id=\"").Append(id).Append("\"><td>").Append(Html.E(BoxTime.Minute(m.Received, zone))).Append("</td><td>").Append(Html.E(owner))
                .Append("</td><td>").Append(Html.E(m.Caller.Length == 0 ? "unknown" : m.Caller)).Append("</td><td>").Append(Html.E(DashboardEndpoints.Duration((long)m.Duration.TotalSeconds)))
                .Append("</td><td>").Append(m.Heard ? "<span class=\"muted\">heard</span>" : "<span class=\"badge\">new</span>").Append("</td><td class=\"player\">");
            if (present)
            {
                html.Append(WavResponse.Player($"/api/voicemail/{id}/audio")).Append(' ')
                    .Append("<a class=\"button secondary small\" href=\"/api/voicemail/").Append(id).Append("/audio?download=1\" download>Download</a>");
            }
            else
            {
                html.Append("<span class=\"bad\">audio file missing</span>");
            }

            html.Append("</td><td><form method=\"post\" class=\"inline\" action=\"/voicemail/").Append(id).Append("/delete\" data-confirm=\"Delete this message for good?\">")
                .Append("<input type=\"hidden\" name=\"csrf\" value=\"").Append(Html.E(csrf)).Append("\"><button type=\"submit\" class=\"danger\">Delete</button></form></td></tr>");
        }

        html.Append("</tbody></table>");
        if (messages.IsEmpty)
        {
            html.Append("<p>No messages").Append(box.Length == 0 ? string.Empty : " in this mailbox").Append(". Callers leave one when a call goes to voicemail:EXT.</p>");
        }

        return html.Append("</section>").ToString();
    }
}
