using System.Text;
using Microsoft.AspNetCore.Http;

namespace EdgePbx.Web.Pages;

/// <summary>The frame of every page: header, navigation for a logged-in installer, and the content.</summary>
public static class PageLayout
{
    public static IResult Render(string title, string content, string? user = null, string? csrf = null, int statusCode = 200)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Html.E(title)).Append(" · EdgePbx</title>")
            .Append("<link rel=\"stylesheet\" href=\"/assets/app.css\">");
        if (csrf is not null)
        {
            html.Append("<meta name=\"csrf-token\" content=\"").Append(Html.E(csrf)).Append("\">");
        }
        html.Append("<script src=\"/assets/app.js\" defer></script></head><body>")
            .Append("<header class=\"top\"><a class=\"brand\" href=\"/\">EdgePbx</a>");
        if (user is not null)
        {
            html.Append("<nav><a href=\"/\">Dashboard</a></nav>")
                .Append("<form method=\"post\" action=\"/logout\" class=\"logout\">")
                .Append("<input type=\"hidden\" name=\"csrf\" value=\"").Append(Html.E(csrf)).Append("\">")
                .Append("<span>").Append(Html.E(user)).Append("</span> <button type=\"submit\">Log out</button></form>");
        }
        html.Append("</header><main>").Append("<h1>").Append(Html.E(title)).Append("</h1>")
            .Append(content).Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
