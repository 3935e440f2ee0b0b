using System.Net;
using System.Text.Json;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Api;

/// <summary>The hand-written OpenAPI document and the mapped API must agree both ways, so neither falls behind the other.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task Every_api_route_is_documented_with_its_method_and_every_documented_one_exists()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var response = await browser.GetAsync(new Uri("/api/openapi.json", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("3.1.0", doc.RootElement.GetProperty("openapi").GetString());
            var documented = doc.RootElement.GetProperty("paths").EnumerateObject()
                .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name != "parameters").Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
                .ToHashSet();

            var mapped = Endpoints.All(host.Services).Where(r => r.IsApi).Select(r => r.ToString()).ToHashSet();

            Assert.Empty(mapped.Except(documented));
            Assert.Empty(documented.Except(mapped));
        }
    }

    [Fact]
    public async Task Every_schema_reference_resolves()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, _) = await host.LoggedInAsync();
        using (browser)
        {
            var text = await browser.GetStringAsync(new Uri("/api/openapi.json", UriKind.Relative));
            using var doc = JsonDocument.Parse(text);
            var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToHashSet();
            var refs = System.Text.RegularExpressions.Regex.Matches(text, "\"#/components/schemas/([A-Za-z]+)\"").Select(m => m.Groups[1].Value).ToHashSet();
            Assert.NotEmpty(refs);
            Assert.Empty(refs.Except(schemas));
        }
    }
}
