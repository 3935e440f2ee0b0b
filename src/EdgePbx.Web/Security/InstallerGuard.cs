using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EdgePbx.Web.Security;

/// <summary>
/// Endpoint filter on everything behind the login: no session → the login page (pages) or 401 (API);
/// an unsafe method without the session's CSRF token (form field "csrf" or header X-CSRF-Token) → 403.
/// </summary>
public sealed class InstallerGuard : IEndpointFilter
{
    public const string SessionItem = "edgepbx.session";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var sessions = http.RequestServices.GetRequiredService<SessionStore>();
        var session = sessions.Find(http.Request.Cookies[Cookies.Session]);
        bool isApi = http.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal);
        if (session is null)
        {
            return isApi
                ? Results.Json(new ApiError("login required"), WebJsonContext.Default.ApiError, statusCode: StatusCodes.Status401Unauthorized)
                : Results.Redirect("/login");
        }
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            string? token = http.Request.Headers["X-CSRF-Token"];
            if (token is null && http.Request.HasFormContentType)
            {
                var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
                token = form["csrf"];
            }
            if (!Cookies.Same(session.CsrfToken, token))
            {
                return Results.Json(new ApiError("missing or wrong CSRF token"), WebJsonContext.Default.ApiError, statusCode: StatusCodes.Status403Forbidden);
            }
        }
        http.Items[SessionItem] = session;
        return await next(context).ConfigureAwait(false);
    }

    public static InstallerSession SessionOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (InstallerSession)context.Items[SessionItem]!;
    }
}
