using EdgePbx.Web.Health;
using EdgePbx.Web.Pages;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace EdgePbx.Web;

/// <summary>Wires the installer page into the daemon's host: services, security headers, endpoints.</summary>
public static class WebShell
{
    public static IServiceCollection AddInstallerWeb(this IServiceCollection services)
    {
        services.AddSingleton<SessionStore>();
        services.AddSingleton<LoginThrottle>();
        return services;
    }

    public static WebApplication UseInstallerWeb(this WebApplication app, WebShellInfo info)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(info);
        app.UseSecurityHeaders();
        app.MapHealth(info.Version, info.Time);
        app.MapAssets();
        app.MapAuth();
        app.MapDashboard(info);
        return app;
    }
}
