using System.Globalization;
using System.Text;
using EdgePbx.Web.Api;
using EdgePbx.Web.Files;
using EdgePbx.Web.Pages;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Prompts;

/// <summary>Welcome audio and IVR prompts: what the plan plays, listen to each, replace one by uploading a WAV.</summary>
public static class PromptEndpoints
{
    /// <summary>Room for a refused over-size file to reach the form (which then says why) instead of a bare 413.</summary>
    private const long UploadBodyLimit = 4L * PromptFiles.MaxBytes;

    public const string Formats = "WAV, 8000 Hz mono: 16-bit PCM, µ-law or A-law, at most 4 MiB";

    public static void MapPrompts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/prompts", (HttpContext http, PlanEditor editor, PromptFiles prompts) =>
            Page.Render(http, "Welcome audio and prompts", Render(http, editor, prompts, null, null))).RequireInstaller();

        endpoints.MapPost("/prompts/upload", async Task<IResult> (HttpContext http, PlanEditor editor, PromptFiles prompts) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            var name = form["name"].ToString().Trim();
            var file = form.Files.GetFile("file");
            string? problem;
            if (file is null || file.Length == 0)
            {
                problem = "choose a WAV file to upload";
            }
            else
            {
                await using var stream = file.OpenReadStream();
                problem = await prompts.SaveAsync(name, stream, Page.Actor(http), http.RequestAborted).ConfigureAwait(false);
            }

            if (problem is not null)
            {
                return Page.Render(http, "Welcome audio and prompts", Render(http, editor, prompts, name, problem), StatusCodes.Status400BadRequest);
            }

            var back = form["back"].ToString();
            return Results.Redirect(back.StartsWith("/menus/", StringComparison.Ordinal) && !back.Contains("//", StringComparison.Ordinal)
                ? back + "?uploaded=1"
                : "/prompts?saved=" + Uri.EscapeDataString(name));
        }).RequireInstaller().WithMetadata(new BodyLimit(UploadBodyLimit));

        endpoints.MapGet("/api/prompts", (PlanEditor editor, PromptFiles prompts) =>
        {
            var list = prompts.Uses(editor.Current).Select(u =>
            {
                var state = prompts.Inspect(u.Name);
                return new PromptDto(u.Name, u.UsedBy, state.Playable, state.Length?.TotalSeconds, state.Problem);
            }).ToList();
            return Results.Json<IReadOnlyList<PromptDto>>(list, WebJsonContext.Default.IReadOnlyListPromptDto);
        }).RequireInstaller();

        endpoints.MapPut("/api/prompts", async Task<IResult> (HttpContext http, PromptFiles prompts) =>
        {
            var name = http.Request.Query["name"].ToString();
            if (http.Request.ContentType is not { } type || !(type.StartsWith("audio/wav", StringComparison.OrdinalIgnoreCase) || type.StartsWith("audio/x-wav", StringComparison.OrdinalIgnoreCase)))
            {
                return RequestBody.Error(StatusCodes.Status415UnsupportedMediaType, "send audio/wav");
            }

            var problem = await prompts.SaveAsync(name, http.Request.Body, Page.Actor(http), http.RequestAborted).ConfigureAwait(false);
            return problem is null ? Results.NoContent() : RequestBody.Error(StatusCodes.Status400BadRequest, problem);
        }).RequireInstaller().WithMetadata(new BodyLimit(UploadBodyLimit));

        endpoints.MapGet("/api/prompts/audio", (HttpContext http, PromptFiles prompts) =>
        {
            var name = http.Request.Query["name"].ToString();
            var path = prompts.PathOf(name);
            return path is null || !File.Exists(path)
                ? RequestBody.Error(StatusCodes.Status404NotFound, "no such prompt")
                : WavResponse.Serve(http, path, () => Path.GetFileName(path));
        }).RequireInstaller();
    }

    /// <summary>The URL the page's audio players load a prompt from.</summary>
    public static string AudioUrl(string name) => "/api/prompts/audio?name=" + Uri.EscapeDataString(name);

    /// <summary>An id fragment for a prompt's form fields: prompts/main-menu.wav → prompts-main-menu-wav.</summary>
    public static string Slug(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>The upload form of one prompt, with the problem of a refused upload beside its file field.</summary>
    public static string UploadForm(string csrf, string name, string? problem, string? back)
    {
        ArgumentNullException.ThrowIfNull(name);
        var id = "f-file-" + Slug(name);
        return $"<form method=\"post\" action=\"/prompts/upload\" enctype=\"multipart/form-data\" class=\"upload\" id=\"upload-{Slug(name)}\">" +
            $"<input type=\"hidden\" name=\"csrf\" value=\"{Html.E(csrf)}\"><input type=\"hidden\" name=\"name\" value=\"{Html.E(name)}\">" +
            (back is null ? string.Empty : $"<input type=\"hidden\" name=\"back\" value=\"{Html.E(back)}\">") +
            $"<label class=\"file\" for=\"{id}\">Replace with</label><input id=\"{id}\" name=\"file\" type=\"file\" accept=\".wav,audio/wav\" data-max-bytes=\"{PromptFiles.MaxBytes.ToString(CultureInfo.InvariantCulture)}\"" +
            (problem is null ? ">" : $" aria-invalid=\"true\" aria-describedby=\"{id}-problem\">") +
            "<button type=\"submit\" class=\"secondary\">Upload</button>" +
            (problem is null ? string.Empty : $"<p class=\"problem\" id=\"{id}-problem\">{Html.E(problem)}</p>") +
            "</form>";
    }

    /// <summary>Listen to a prompt, with its state: "plays 12.5 s" or why callers do not hear it.</summary>
    public static string Player(string name, WavCheck.Outcome state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Playable
            ? WavResponse.Player(AudioUrl(name)) + $"<span class=\"ok\">plays {state.Length!.Value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s</span>"
            : $"<span class=\"bad\">{Html.E(state.Problem)}</span>";
    }

    private static string Render(HttpContext http, PlanEditor editor, PromptFiles prompts, string? failedName, string? problem)
    {
        var csrf = Page.Csrf(http);
        var html = new StringBuilder();
        if (http.Request.Query["saved"].ToString() is { Length: > 0 } saved)
        {
            html.Append("<p class=\"card notice\" role=\"status\">").Append(Html.E(saved)).Append(" uploaded. The next caller hears it.</p>");
        }

        html.Append("<p class=\"lead\">What callers hear: each number's welcome audio and each IVR menu's prompt. Files must be ")
            .Append(Html.E(Formats)).Append(". Convert a recording with <code>sox IN.mp3 -r 8000 -c 1 -b 16 OUT.wav</code>.</p>");
        var uses = prompts.Uses(editor.Current);
        var known = uses.Any(u => u.Name == failedName);
        html.Append("<section class=\"card\"><table id=\"prompts\"><thead><tr><th>File</th><th>Played as</th><th>Listen</th><th></th></tr></thead><tbody>");
        foreach (var use in uses)
        {
            html.Append("<tr data-prompt=\"").Append(Html.E(use.Name)).Append("\"><td><code>").Append(Html.E(use.Name)).Append("</code></td><td>")
                .Append(use.UsedBy.Count == 0 ? "<span class=\"muted\">not used by the plan</span>" : Html.E(string.Join(", ", use.UsedBy)))
                .Append("</td><td class=\"player\">").Append(Player(use.Name, prompts.Inspect(use.Name))).Append("</td><td>");
            html.Append(PromptFiles.NameProblem(use.Name) is null
                ? UploadForm(csrf, use.Name, use.Name == failedName ? problem : null, null)
                : "<span class=\"muted\">not under prompts/: change the plan to upload it</span>");
            html.Append("</td></tr>");
        }

        if (uses.Count == 0)
        {
            html.Append("<tr><td colspan=\"4\">The plan plays no audio files.</td></tr>");
        }

        html.Append("</tbody></table></section>");

        // A new prompt, e.g. for a menu about to be added.
        var newName = known || failedName is null ? "prompts/" : failedName;
        var nameIssue = !known && failedName is not null && PromptFiles.NameProblem(failedName) is { } n ? n : null;
        var fileIssue = !known && failedName is not null && nameIssue is null ? problem : null;
        html.Append("<form method=\"post\" action=\"/prompts/upload\" enctype=\"multipart/form-data\" class=\"card form\" id=\"new-prompt\">")
            .Append("<h2>Add a prompt</h2><input type=\"hidden\" name=\"csrf\" value=\"").Append(Html.E(csrf)).Append("\">")
            .Append("<div class=\"field\"><label for=\"f-name\">File name</label><small class=\"hint\">prompts/NAME.wav; then name it in a menu or number</small>")
            .Append("<input id=\"f-name\" name=\"name\" type=\"text\" value=\"").Append(Html.E(newName)).Append('"')
            .Append(nameIssue is null ? ">" : " aria-invalid=\"true\" aria-describedby=\"f-name-problem\"><p class=\"problem\" id=\"f-name-problem\">" + Html.E(nameIssue) + "</p>")
            .Append("</div><div class=\"field\"><label for=\"f-file\">WAV file</label><input id=\"f-file\" name=\"file\" type=\"file\" accept=\".wav,audio/wav\"")
            .Append(fileIssue is null ? ">" : " aria-invalid=\"true\" aria-describedby=\"f-file-problem\"><p class=\"problem\" id=\"f-file-problem\">" + Html.E(fileIssue) + "</p>")
            .Append("</div><button type=\"submit\">Upload</button></form>");
        return html.ToString();
    }
}
