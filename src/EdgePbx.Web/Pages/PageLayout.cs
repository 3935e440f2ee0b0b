using System.Text;
using Microsoft.AspNetCore.Http;

namespace EdgePbx.Web.Pages;

/// <summary>The frame of every page: header, navigation for a logged-in installer, and the content.</summary>
public static class PageLayout
{
    private static readonly (string Href, string Label)[] Links =
    [
        ("/", "Dashboard"), ("/extensions", "Extensions"), ("/groups", "Groups"), ("/menus", "IVR"), ("/prompts", "Audio"), ("/schedules", "Schedules"),
        ("/lists", "Lists"), ("/limits", "Limits"), ("/explain", "Explain a call"), ("/calls", "Calls"), ("/voicemail", "Voicemail"), ("/reports", "Reports"), ("/system", "System"),
    ];

    /// <summary>The navigation with the current section marked (aria-current), so the installer always sees where they are.</summary>
    private static string Nav(string? path)
    {
        var current = path is null ? null : Links.Where(l => l.Href == "/" ? path == "/" : path == l.Href || path.StartsWith(l.Href + "/", StringComparison.Ordinal)).Select(l => l.Href).FirstOrDefault();
        return string.Concat(Links.Select(l => l.Href == current ? $"<a href=\"{l.Href}\" aria-current=\"page\">{l.Label}</a>" : $"<a href=\"{l.Href}\">{l.Label}</a>"));
    }

    public static IResult Render(string title, string content, string? user = null, string? csrf = null, int statusCode = 200, int? refreshSeconds = null, string? refreshTo = null, string? path = null)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" · EdgePbx</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/app.css\"><link rel=\"icon\" href=\"data:,\">");
        if (refreshSeconds is { } seconds)
        {
            // A restart page follows the box back up without script.
            html.Append("<meta http-equiv=\"refresh\" content=\"").Append(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(";url=").Append(Html.E(refreshTo ?? "/")).Append("\">");
        }

        if (csrf is not null)
        {
            html.Append("<meta name=\"csrf-token\" content=\"").Append(Html.E(csrf)).Append("\">");
        }
        html.Append("<script src=\"/assets/app.js\" defer></script></head><body>")
            .Append("<header class=\"top\"><a class=\"brand\" href=\"/\">EdgePbx</a>");
        if (user is not null)
        {
            html.Append("<nav>").Append(Nav(path)).Append("</nav>")
                .Append("<form method=\"post\" action=\"/logout\" class=\"logout\">")
                .Append("<input type=\"hidden\" name=\"csrf\" value=\"").Append(Html.E(csrf)).Append("\">")
                .Append("<span>").Append(Html.E(user)).Append("</span> <button type=\"submit\">Log out</button></form>");
        }
        html.Append("</header><main>").Append("<h1>").Append(Html.E(title)).Append("</h1>")
            .Append(content).Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
