using System.Net;
using System.Text.Json;
using EdgePbx.Web.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Web.Tests.Health;

/// <summary>The health endpoints on a real Kestrel bound to a loopback port.</summary>
public sealed class HealthEndpointsTests
{
    private sealed class FixedCheck(string name, bool ready, string detail) : IReadinessCheck
    {
        public string Name => name;

        public ReadinessResult Check() => new(ready, detail);
    }

    [Fact]
    public async Task Healthz_reports_alive_with_version_and_uptime_from_the_clock()
    {
        var time = new FakeTimeProvider();
        await using var app = await StartAsync(time, []);
        time.Advance(TimeSpan.FromSeconds(42));
        using var http = Client(app);
        var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("alive", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("1.2.3", json.RootElement.GetProperty("version").GetString());
        Assert.Equal(42, json.RootElement.GetProperty("uptimeSeconds").GetInt64());
    }

    [Fact]
    public async Task Readyz_is_200_when_every_check_holds()
    {
        await using var app = await StartAsync(TimeProvider.System, [new FixedCheck("sip", true, "udp+tcp 127.0.0.1:5060"), new FixedCheck("database", true, "open")]);
        using var http = Client(app);
        var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("ready").GetBoolean());
        Assert.Equal(2, json.RootElement.GetProperty("checks").GetArrayLength());
    }

    [Fact]
    public async Task Readyz_is_503_and_names_the_failing_check()
    {
        await using var app = await StartAsync(TimeProvider.System, [new FixedCheck("sip", true, "bound"), new FixedCheck("database", false, "disk full")]);
        using var http = Client(app);
        var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var failing = json.RootElement.GetProperty("checks").EnumerateArray().Single(c => !c.GetProperty("ready").GetBoolean());
        Assert.Equal("database", failing.GetProperty("name").GetString());
        Assert.Equal("disk full", failing.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Readyz_without_any_check_is_not_ready()
    {
        await using var app = await StartAsync(TimeProvider.System, []);
        using var http = Client(app);
        var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private static async Task<WebApplication> StartAsync(TimeProvider time, IReadinessCheck[] checks)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        foreach (var check in checks)
        {
            builder.Services.AddSingleton(check);
        }
        var app = builder.Build();
        app.MapHealth("1.2.3", time);
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app)
    {
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new HttpClient { BaseAddress = new Uri(address) };
    }
}
