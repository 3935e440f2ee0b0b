using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Api;

/// <summary>
/// The JSON API's OpenAPI 3.1 document, hand-written (Assets/openapi.json) and served from the binary. A test
/// checks that it lists every /api route the app maps, so it cannot fall behind.
/// </summary>
public static class OpenApiEndpoints
{
    public static void MapOpenApi(this IEndpointRouteBuilder endpoints)
    {
        var document = Pages.AssetEndpoints.Read("openapi.json");
        endpoints.MapGet("/api/openapi.json", () => Results.Bytes(document, "application/json; charset=utf-8")).RequireInstaller();
    }
}
