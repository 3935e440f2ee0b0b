using System.Text;
using System.Text.Json;
using EdgePbx.Web.Api;
using EdgePbx.Web.Plans;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Pages;

/// <summary>
/// The same pages and API for every keyed plan section: a list, a form per item, save and delete through
/// <see cref="PlanEditor"/>, and GET/PUT/DELETE /api/{kind}/{id} with the item's plan JSON.
/// </summary>
public static class PlanSectionEndpoints
{
    public static void MapPlanSection(this IEndpointRouteBuilder endpoints, PlanSection section)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(section);
        var kind = section.Kind;

        endpoints.MapGet($"/{kind}", (HttpContext http, PlanEditor editor) =>
            Page.Render(http, section.Title, List(http, section, editor, null))).RequireInstaller();

        endpoints.MapGet($"/{kind}/new", (HttpContext http) =>
            RenderForm(http, section, section.NewValues(), new FieldIssues(), null, 200)).RequireInstaller();

        endpoints.MapGet($"/{kind}/{{id}}", (HttpContext http, PlanEditor editor) =>
        {
            var id = RouteId(http);
            var plan = editor.Current;
            return section.Contains(plan, id)
                ? RenderForm(http, section, section.Values(plan, id), new FieldIssues(), id, 200)
                : Page.NotFound(http, $"{section.Singular} {id}");
        }).RequireInstaller();

        endpoints.MapPost($"/{kind}/save", async Task<IResult> (HttpContext http, PlanEditor editor) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            var values = FormValues.From(form, section.Fields);
            var original = string.IsNullOrEmpty(form["original"]) ? null : form["original"].ToString();
            var issues = new FieldIssues();
            var change = section.Parse(editor.Current, values, original, issues, out var id);
            if (change is null)
            {
                return RenderForm(http, section, values, issues, original, StatusCodes.Status400BadRequest);
            }

            var what = original is null || original == id ? $"{section.Singular} {id} saved" : $"{section.Singular} {original} renamed {id}";
            var result = await editor.EditAsync(change, Page.Actor(http), what, http.RequestAborted).ConfigureAwait(false);
            if (!result.Ok)
            {
                issues = FieldIssues.Map(result.Issues, section.PathOf(id), section.Fields);
                return RenderForm(http, section, values, issues, original, StatusCodes.Status422UnprocessableEntity);
            }

            if (await section.AfterSaveAsync(id, original, values, Page.Actor(http), http.RequestAborted).ConfigureAwait(false) is { } later)
            {
                return RenderForm(http, section, values, later, id, StatusCodes.Status400BadRequest);
            }

            return Results.Redirect($"/{kind}?saved={Uri.EscapeDataString(id)}");
        }).RequireInstaller();

        endpoints.MapPost($"/{kind}/{{id}}/delete", async Task<IResult> (HttpContext http, PlanEditor editor) =>
        {
            var id = RouteId(http);
            if (!section.Contains(editor.Current, id))
            {
                return Page.NotFound(http, $"{section.Singular} {id}");
            }

            var result = await editor.EditAsync(plan => section.Remove(plan, id), Page.Actor(http), $"{section.Singular} {id} deleted", http.RequestAborted).ConfigureAwait(false);
            if (!result.Ok)
            {
                return Page.Render(http, section.Title, List(http, section, editor, FieldIssues.Map(result.Issues, "$", [])), StatusCodes.Status422UnprocessableEntity);
            }

            await section.AfterDeleteAsync(id, Page.Actor(http), http.RequestAborted).ConfigureAwait(false);
            return Results.Redirect($"/{kind}?deleted={Uri.EscapeDataString(id)}");
        }).RequireInstaller();

        endpoints.MapGet($"/api/{kind}", (PlanEditor editor) =>
        {
            var plan = editor.Current;
            return Json(writer =>
            {
                writer.WriteStartObject();
                foreach (var id in section.Ids(plan))
                {
                    writer.WritePropertyName(id);
                    section.WriteJson(writer, plan, id);
                }

                writer.WriteEndObject();
            });
        }).RequireInstaller();

        endpoints.MapGet($"/api/{kind}/{{id}}", (HttpContext http, PlanEditor editor) =>
        {
            var id = RouteId(http);
            var plan = editor.Current;
            return section.Contains(plan, id)
                ? Json(writer => section.WriteJson(writer, plan, id))
                : RequestBody.Error(StatusCodes.Status404NotFound, $"no {section.Singular} {id}");
        }).RequireInstaller();

        endpoints.MapPut($"/api/{kind}/{{id}}", async Task<IResult> (HttpContext http, PlanEditor editor) =>
        {
            var id = RouteId(http);
            var (body, refusal) = await RequestBody.ReadAsync(http).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }

            var change = section.ReadJson(body, id, out var error);
            if (change is null)
            {
                return RequestBody.Error(StatusCodes.Status400BadRequest, error!);
            }

            return PlanResults.From(await editor.EditAsync(change, Page.Actor(http), $"{section.Singular} {id} saved (API)", http.RequestAborted).ConfigureAwait(false));
        }).RequireInstaller();

        endpoints.MapDelete($"/api/{kind}/{{id}}", async Task<IResult> (HttpContext http, PlanEditor editor) =>
        {
            var id = RouteId(http);
            if (!section.Contains(editor.Current, id))
            {
                return RequestBody.Error(StatusCodes.Status404NotFound, $"no {section.Singular} {id}");
            }

            var result = await editor.EditAsync(plan => section.Remove(plan, id), Page.Actor(http), $"{section.Singular} {id} deleted (API)", http.RequestAborted).ConfigureAwait(false);
            if (result.Ok)
            {
                await section.AfterDeleteAsync(id, Page.Actor(http), http.RequestAborted).ConfigureAwait(false);
            }

            return PlanResults.From(result);
        }).RequireInstaller();
    }

    public static string RouteId(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.RouteValues["id"] as string ?? string.Empty;
    }

    public static IResult Json(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Results.Bytes(buffer.ToArray(), "application/json; charset=utf-8");
    }

    private static IResult RenderForm(HttpContext http, PlanSection section, FormValues values, FieldIssues issues, string? original, int status)
    {
        var title = original is null ? $"New {section.Singular}" : $"{Capital(section.Singular)} {original}";
        var html = new StringBuilder();
        html.Append("<p><a href=\"/").Append(section.Kind).Append("\">← ").Append(Html.E(section.Title)).Append("</a></p>")
            .Append(Form.General(issues))
            .Append(Form.Begin($"/{section.Kind}/save", Page.Csrf(http), "edit"));
        if (original is not null)
        {
            html.Append("<input type=\"hidden\" name=\"original\" value=\"").Append(Html.E(original)).Append("\">");
        }

        if (http.Request.Query.ContainsKey("uploaded"))
        {
            html.Insert(0, "<p class=\"card notice\" role=\"status\">Prompt uploaded. The next caller hears it.</p>");
        }

        html.Append(section.RenderFields(values, issues, original is null)).Append(Form.End("Save"));
        if (section.BelowForm(Page.Csrf(http), values, original is null) is { Length: > 0 } aside)
        {
            // Beside the form on a wide screen (the prompt next to the menu it belongs to), under it on a narrow one.
            var at = html.ToString().IndexOf("<form method=\"post\" action=\"/", StringComparison.Ordinal);
            html.Insert(at, "<div class=\"edit-layout\">").Append("<aside>").Append(aside).Append("</aside></div>");
        }
        return Page.Render(http, title, html.ToString(), status);
    }

    private static string List(HttpContext http, PlanSection section, PlanEditor editor, FieldIssues? issues)
    {
        var plan = editor.Current;
        var html = new StringBuilder();
        if (http.Request.Query["saved"].ToString() is { Length: > 0 } saved)
        {
            html.Append("<p class=\"card notice\" role=\"status\">Saved ").Append(Html.E(section.Singular)).Append(' ').Append(Html.E(saved)).Append(". The plan in force now has it.</p>");
        }

        if (http.Request.Query["deleted"].ToString() is { Length: > 0 } deleted)
        {
            html.Append("<p class=\"card notice\" role=\"status\">Deleted ").Append(Html.E(section.Singular)).Append(' ').Append(Html.E(deleted)).Append(".</p>");
        }

        if (issues is not null)
        {
            html.Append(Form.General(issues));
        }

        html.Append("<p><a class=\"button\" href=\"/").Append(section.Kind).Append("/new\" id=\"add\">Add ").Append(Html.E(section.Singular)).Append("</a></p>");
        var ids = section.Ids(plan).ToList();
        if (ids.Count == 0)
        {
            html.Append("<p class=\"card\">None yet.</p>");
            return html.ToString();
        }

        html.Append("<section class=\"card\"><table id=\"items\"><thead><tr>");
        foreach (var column in section.Columns)
        {
            html.Append("<th>").Append(Html.E(column)).Append("</th>");
        }

        html.Append("<th></th></tr></thead><tbody>");
        var csrf = Page.Csrf(http);
        foreach (var id in ids)
        {
            var cells = section.Row(plan, id);
            html.Append("<tr data-id=\"").Append(Html.E(id)).Append("\"><td><a href=\"/").Append(section.Kind).Append('/').Append(Uri.EscapeDataString(id)).Append("\">")
                .Append(Html.E(cells[0])).Append("</a></td>");
            foreach (var cell in cells.Skip(1))
            {
                html.Append("<td>").Append(Html.E(cell)).Append("</td>");
            }

            html.Append("<td><form method=\"post\" class=\"inline\" action=\"/").Append(section.Kind).Append('/').Append(Uri.EscapeDataString(id)).Append("/delete\">")
                .Append("<input type=\"hidden\" name=\"csrf\" value=\"").Append(Html.E(csrf)).Append("\">")
                .Append("<button type=\"submit\" class=\"danger\">Delete</button></form></td></tr>");
        }

        html.Append("</tbody></table></section>");
        return html.ToString();
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
