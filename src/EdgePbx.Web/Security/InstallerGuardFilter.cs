using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgePbx.Web.Security;

/// <summary>Puts an endpoint behind the installer login (<see cref="InstallerGuard"/>).</summary>
public static class InstallerGuardFilter
{
    /// <summary>
    /// Adds the guard as an instance. <c>AddEndpointFilter&lt;InstallerGuard&gt;()</c> would do the same, but it first
    /// looks for a constructor taking an <c>EndpointFilterFactoryContext</c> and catches the exception when there is
    /// none: one exception thrown and caught per guarded route, 67 on every start-up.
    /// </summary>
    public static TBuilder RequireInstaller<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new InstallerGuard());
}
