using System.Globalization;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgePbx.Web.Pages;

/// <summary>First-run password, login and logout.</summary>
public static class AuthEndpoints
{
    public static void MapAuth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/setup", (HttpContext http, IInstallerAccounts accounts) => accounts.HasAnyAccount()
            ? Results.Redirect("/login")
            : PageLayout.Render("Set the installer password", FormPages.Setup(Cookies.PreSessionToken(http), null, null)));

        endpoints.MapPost("/setup", async Task<IResult> (HttpContext http, IInstallerAccounts accounts, SessionStore sessions) =>
        {
            if (accounts.HasAnyAccount())
            {
                return Results.Redirect("/login");
            }
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            if (!Cookies.PreSessionTokenMatches(http, form["csrf"]))
            {
                return Forbidden();
            }
            string user = ((string?)form["user"] ?? string.Empty).Trim();
            string? problem = user.Length is < 1 or > 64 ? "Give a name of 1 to 64 characters." : PasswordRules.Problem(form["password"], form["confirm"]);
            if (problem is not null || !await accounts.TryCreateFirstAsync(user, form["password"]!, http.RequestAborted).ConfigureAwait(false))
            {
                return PageLayout.Render("Set the installer password",
                    FormPages.Setup(Cookies.PreSessionToken(http), user, problem ?? "The password was set meanwhile; log in."), statusCode: 400);
            }
            Cookies.SetSession(http, sessions.Create(user));
            return Results.Redirect("/");
        });

        endpoints.MapGet("/login", (HttpContext http, IInstallerAccounts accounts) => !accounts.HasAnyAccount()
            ? Results.Redirect("/setup")
            : PageLayout.Render("Log in", FormPages.Login(Cookies.PreSessionToken(http), null, null)));

        endpoints.MapPost("/login", async Task<IResult> (HttpContext http, IInstallerAccounts accounts, SessionStore sessions, LoginThrottle throttle, TimeProvider time) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            if (!Cookies.PreSessionTokenMatches(http, form["csrf"]))
            {
                return Forbidden();
            }
            string user = ((string?)form["user"] ?? string.Empty).Trim();
            string client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (throttle.LockedUntil(user, client) is { } until)
            {
                int minutes = (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes);
                return PageLayout.Render("Log in", FormPages.Login(Cookies.PreSessionToken(http), user,
                    $"Too many wrong passwords. Try again in {minutes.ToString(CultureInfo.InvariantCulture)} minute(s)."), statusCode: 429);
            }
            if (!accounts.Verify(user, form["password"].ToString()))
            {
                throttle.Failed(user, client);
                return PageLayout.Render("Log in", FormPages.Login(Cookies.PreSessionToken(http), user, "Wrong name or password."), statusCode: 401);
            }
            throttle.Succeeded(user, client);
            Cookies.SetSession(http, sessions.Create(user));
            return Results.Redirect("/");
        });

        endpoints.MapPost("/logout", (HttpContext http, SessionStore sessions) =>
        {
            sessions.End(InstallerGuard.SessionOf(http).Token);
            Cookies.ClearSession(http);
            return Results.Redirect("/login");
        }).RequireInstaller();
    }

    private static IResult Forbidden() =>
        PageLayout.Render("Form expired", "<p>This form has expired. <a href=\"/\">Start again</a>.</p>", statusCode: 403);
}
