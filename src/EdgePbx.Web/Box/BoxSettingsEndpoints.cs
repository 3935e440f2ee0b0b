using System.Text;
using EdgePbx.Storage.Audit;
using EdgePbx.Web.Api;
using EdgePbx.Web.Pages;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Box;

/// <summary>
/// The settings forms of the System page (one per section of <see cref="IBoxSettings.Sections"/>) and their API. A
/// save is checked whole; a refusal shows each problem beside its field and changes nothing; a save is audited and
/// takes effect when the service restarts (the page says so and links to the restart).
/// </summary>
public static class BoxSettingsEndpoints
{
    public const string RestartNote = "Saved settings take effect when the EdgePbx service restarts: the SIP and web listeners, the RTP ports, the trunk registration, voicemail and the cloud link are set up at start.";

    public static void MapBoxSettings(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/system/settings/{section}", (HttpContext http, string section, IBoxSettings settings) =>
            settings.Fields(section) is { } fields
                ? FormPage(http, section, settings, fields, new Dictionary<string, string>(), new FieldIssues(), StatusCodes.Status200OK)
                : Page.NotFound(http, "That settings section")).RequireInstaller();

        endpoints.MapPost("/system/settings/{section}", async Task<IResult> (HttpContext http, string section, IBoxSettings settings, AuditLog audit) =>
        {
            if (settings.Fields(section) is not { } fields)
            {
                return Page.NotFound(http, "That settings section");
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            // A field the form did not send keeps its saved value.
            var values = fields.Where(f => form.ContainsKey(f.Key)).ToDictionary(f => f.Key, f => form[f.Key].ToString(), StringComparer.Ordinal);
            var saved = await SaveAsync(http, section, values, settings, audit).ConfigureAwait(false);
            if (saved.Ok)
            {
                return Results.Redirect($"/system/settings/{Uri.EscapeDataString(section)}?saved={(saved.Changed.Count > 0 ? "1" : "0")}");
            }

            var issues = new FieldIssues();
            foreach (var issue in saved.Issues)
            {
                if (issue.Key is { } key && fields.Any(f => f.Key == key))
                {
                    issues.Add(key, issue.Message);
                }
                else
                {
                    issues.AddGeneral(issue.Key is null ? issue.Message : $"{issue.Key}: {issue.Message}");
                }
            }

            return FormPage(http, section, settings, fields, values, issues, StatusCodes.Status400BadRequest);
        }).RequireInstaller();

        endpoints.MapGet("/api/system/settings/{section}", (string section, IBoxSettings settings) =>
            settings.Fields(section) is { } fields
                ? Results.Json(new SettingsFormDto(section, settings.ReadOnlyReason, fields.Select(Dto).ToList(), settings.PendingRestart), WebJsonContext.Default.SettingsFormDto)
                : RequestBody.Error(StatusCodes.Status404NotFound, NoSuchSection(settings))).RequireInstaller();

        endpoints.MapPut("/api/system/settings/{section}", async Task<IResult> (HttpContext http, string section, IBoxSettings settings, AuditLog audit) =>
        {
            if (settings.Fields(section) is null)
            {
                return RequestBody.Error(StatusCodes.Status404NotFound, NoSuchSection(settings));
            }

            var (body, error) = await PlanWideSettingsEndpoints.Read(http, WebJsonContext.Default.DictionaryStringString).ConfigureAwait(false);
            if (body is null)
            {
                return error!;
            }

            var saved = await SaveAsync(http, section, body, settings, audit).ConfigureAwait(false);
            var response = new SettingsSaveResponse(saved.Ok, saved.Changed, saved.Changed.Count > 0, saved.Issues.Select(i => new SettingIssueDto(i.Key, i.Message)).ToList());
            return Results.Json(response, WebJsonContext.Default.SettingsSaveResponse, statusCode: saved.Ok ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
        }).RequireInstaller();
    }

    /// <summary>The System page's card of one section in force, with its Change link.</summary>
    public static string Card(BoxSettingsSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var html = new StringBuilder();
        html.Append("<section class=\"card\" id=\"settings-").Append(Html.E(section.Id)).Append("\"><h2>").Append(Html.E(section.Title)).Append("</h2><dl>");
        foreach (var setting in section.Settings)
        {
            html.Append("<dt>").Append(Html.E(setting.Name)).Append("</dt><dd>").Append(Html.E(setting.Value)).Append("</dd>");
        }

        return html.Append("</dl><p><a class=\"button secondary\" href=\"/system/settings/").Append(Html.E(section.Id)).Append("\" id=\"edit-").Append(Html.E(section.Id))
            .Append("\">Change…</a></p></section>").ToString();
    }

    /// <summary>"Saved, waiting for a restart: …" with the restart link, or nothing.</summary>
    public static string Pending(IBoxSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var pending = settings.PendingRestart;
        return pending.Count == 0
            ? string.Empty
            : $"<p class=\"card notice\" role=\"status\" id=\"pending-restart\">Saved, waiting for a restart of the service: {Html.E(string.Join(", ", pending))}. <a href=\"/system/restart\">Restart…</a></p>";
    }

    private static async Task<BoxSettingsSave> SaveAsync(HttpContext http, string section, IReadOnlyDictionary<string, string> values, IBoxSettings settings, AuditLog audit)
    {
        var saved = await settings.SaveAsync(section, values, http.RequestAborted).ConfigureAwait(false);
        if (saved.Ok && saved.Changed.Count > 0)
        {
            // Names only: a changed password is recorded as "Registration password", never its value.
            await audit.AppendAsync(Page.Actor(http), "settings.saved", $"{section}: {string.Join(", ", saved.Changed)} (take effect on restart)", CancellationToken.None).ConfigureAwait(false);
        }

        return saved;
    }

    private static string NoSuchSection(IBoxSettings settings) => $"no such settings section ({string.Join(", ", settings.Sections().Select(s => s.Id))})";

    private static SettingFieldDto Dto(BoxSettingField f) => f.Kind == BoxFieldKind.Secret
        ? new(f.Key, f.Label, "secret", null, f.IsSet, null)
        : new(f.Key, f.Label, f.Kind.ToString().ToLowerInvariant(), f.Value, null, f.Choices.Count == 0 ? null : f.Choices);

    private static IResult FormPage(HttpContext http, string section, IBoxSettings settings, IReadOnlyList<BoxSettingField> fields, Dictionary<string, string> typed, FieldIssues issues, int status)
    {
        var values = new FormValues();
        foreach (var f in fields)
        {
            values[f.Key] = f.Kind == BoxFieldKind.Secret ? string.Empty : typed.TryGetValue(f.Key, out var v) ? v : f.Value;
        }

        var title = (settings.Sections().FirstOrDefault(s => s.Id == section)?.Title ?? section) + " settings";
        var html = new StringBuilder("<p><a href=\"/system\">← System</a></p>");
        var saved = http.Request.Query["saved"].ToString();
        if (saved == "1")
        {
            html.Append("<p class=\"card notice\" role=\"status\" id=\"saved\">Saved to the settings file. They take effect when the EdgePbx service restarts. <a href=\"/system/restart\">Restart…</a></p>");
        }
        else if (saved == "0")
        {
            html.Append("<p class=\"card notice\" role=\"status\" id=\"saved\">Nothing was changed.</p>");
        }

        if (settings.ReadOnlyReason is { } reason)
        {
            html.Append("<div class=\"card problems\" role=\"alert\"><p>These settings cannot be saved here: ").Append(Html.E(reason)).Append(".</p></div>");
        }

        html.Append(Form.General(issues)).Append(Form.Begin($"/system/settings/{section}", Page.Csrf(http), "settings-form"))
            .Append("<p class=\"hint\">").Append(Html.E(RestartNote)).Append(settings.Source is { } source ? $" Saved in {source}." : string.Empty).Append("</p>");
        foreach (var f in fields)
        {
            html.Append(f.Kind switch
            {
                BoxFieldKind.Secret => Form.Secret(f.Key, f.Label, issues, (f.IsSet ? "A password is saved. " : "No password is saved. ") + f.Hint),
                BoxFieldKind.Lines => Form.Area(f.Key, f.Label, values, issues, f.Hint, 3),
                BoxFieldKind.Choice => Form.Select(f.Key, f.Label, f.Choices.Select(c => (c, c)), values, issues, f.Hint),
                BoxFieldKind.Number => Form.Text(f.Key, f.Label, values, issues, f.Hint, "number"),
                _ => Form.Text(f.Key, f.Label, values, issues, f.Hint),
            });
        }

        html.Append(Form.End("Save settings"));
        return Page.Render(http, title, html.ToString(), status);
    }
}
