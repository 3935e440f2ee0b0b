using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Web.Pages;

/// <summary>The page's CSS and script, embedded in the binary (the box may have no internet and no files beside the executable).</summary>
public static class AssetEndpoints
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["app.css"] = "text/css; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
    };

    public static void MapAssets(this IEndpointRouteBuilder endpoints)
    {
        var assets = ContentTypes.ToDictionary(
            pair => pair.Key,
            pair => (Type: pair.Value, Bytes: Load(pair.Key)),
            StringComparer.Ordinal);
        endpoints.MapGet("/assets/{name}", (string name, HttpContext http) =>
        {
            if (!assets.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(asset.Bytes, asset.Type);
        });
    }

    public static byte[] Read(string name) => Load(name);

    private static byte[] Load(string name)
    {
        using var stream = typeof(AssetEndpoints).Assembly.GetManifestResourceStream("EdgePbx.Web.Assets." + name)
            ?? throw new InvalidOperationException($"asset {name} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
