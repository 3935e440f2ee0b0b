using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgePbx.Web.Tests.Support;

/// <summary>Every route the app maps, read from the routing system itself so a new endpoint is covered by the security tests without anyone adding it.</summary>
public static class Endpoints
{
    /// <summary>Reachable without a session by design: health probes, first run, login, the CSS/JS, and the dashboard (which redirects itself).</summary>
    public static readonly IReadOnlySet<string> Public = new HashSet<string> { "/healthz", "/readyz", "/setup", "/login", "/assets/{name}", "/" };

    public sealed record Route(string Pattern, string Method)
    {
        /// <summary>The pattern with sample values: {id} is extension 101 (exists in the test plan), {name} the CSS, {section} the trunk settings, {button} the panel's night button.</summary>
        public string Path => Pattern.Replace("{id}", "101", StringComparison.Ordinal).Replace("{name}", "app.css", StringComparison.Ordinal)
            .Replace("{section}", "trunk", StringComparison.Ordinal).Replace("{button}", "night", StringComparison.Ordinal);

        public bool IsApi => Pattern.StartsWith("/api/", StringComparison.Ordinal);

        public bool IsSafe => Method is "GET" or "HEAD";

        public override string ToString() => $"{Method} {Pattern}";
    }

    public static IReadOnlyList<Route> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Route("/" + e.RoutePattern.RawText!.TrimStart('/'), m)))
            .Distinct()
            .OrderBy(r => r.Pattern, StringComparer.Ordinal)
            .ToList();

    public static HttpRequestMessage Request(Route route, string? csrfHeader = null, string? csrfField = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), new Uri(route.Path, UriKind.Relative));
        if (!route.IsSafe)
        {
            request.Content = route.IsApi
                ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent(csrfField is null ? [] : [new KeyValuePair<string, string>("csrf", csrfField)]);
        }

        if (csrfHeader is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrfHeader);
        }

        return request;
    }
}
