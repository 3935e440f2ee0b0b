using System.Net;
using System.Text.RegularExpressions;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Web.Tests.Support;

/// <summary>The installer web shell on a real loopback Kestrel, with a cookie-keeping client.</summary>
public sealed partial class WebShellHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebShellHost(WebApplication app, FakeTimeProvider time, MemoryAccounts accounts)
    {
        _app = app;
        Time = time;
        Accounts = accounts;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
    }

    public FakeTimeProvider Time { get; }

    public MemoryAccounts Accounts { get; }

    public Uri BaseAddress { get; }

    public static async Task<WebShellHost> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        var accounts = new MemoryAccounts();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IInstallerAccounts>(accounts);
        builder.Services.AddInstallerWeb();
        var app = builder.Build();
        app.UseInstallerWeb(new WebShellInfo("9.9.9", time, time.GetTimestamp()));
        await app.StartAsync();
        return new WebShellHost(app, time, accounts);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = BaseAddress,
    };

    public static string HiddenCsrf(string html) => CsrfField().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("no csrf field in page:\n" + html);

    public static string MetaCsrf(string html) => CsrfMeta().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("no csrf meta in page");

    public static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
