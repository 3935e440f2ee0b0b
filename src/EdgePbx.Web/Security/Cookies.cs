using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace EdgePbx.Web.Security;

/// <summary>
/// The session cookie and the pre-session CSRF cookie (double submit, for the setup and login forms).
/// Both are HttpOnly and SameSite=Strict; Secure whenever the page is served over HTTPS.
/// </summary>
public static class Cookies
{
    public const string Session = "epbx_session";
    public const string PreSessionCsrf = "epbx_csrf";

    public static void SetSession(HttpContext context, InstallerSession session)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(session);
        context.Response.Cookies.Append(Session, session.Token, Options(context));
    }

    public static void ClearSession(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(Session, Options(context));
    }

    /// <summary>The pre-session CSRF token, issued on first sight.</summary>
    public static string PreSessionToken(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies.TryGetValue(PreSessionCsrf, out var existing) && existing.Length == 43)
        {
            return existing;
        }
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        context.Response.Cookies.Append(PreSessionCsrf, token, Options(context));
        return token;
    }

    /// <summary>True when the form's token matches the cookie's (constant time).</summary>
    public static bool PreSessionTokenMatches(HttpContext context, string? submitted)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies.TryGetValue(PreSessionCsrf, out var cookie) && Same(cookie, submitted);
    }

    public static bool Same(string? a, string? b) =>
        a is not null && b is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
