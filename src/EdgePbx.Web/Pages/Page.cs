using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Http;

namespace EdgePbx.Web.Pages;

/// <summary>Renders a page behind the login, with the session's name and CSRF token in the frame.</summary>
public static class Page
{
    public static IResult Render(HttpContext http, string title, string content, int statusCode = 200)
    {
        var session = InstallerGuard.SessionOf(http);
        return PageLayout.Render(title, content, session.User, session.CsrfToken, statusCode, path: http.Request.Path.Value);
    }

    public static string Csrf(HttpContext http) => InstallerGuard.SessionOf(http).CsrfToken;

    public static string Actor(HttpContext http) => InstallerGuard.SessionOf(http).User;

    public static IResult NotFound(HttpContext http, string what) =>
        Render(http, "Not found", $"<p class=\"card\">{Html.E(what)} does not exist. <a href=\"/\">Back to the dashboard</a>.</p>", 404);
}
