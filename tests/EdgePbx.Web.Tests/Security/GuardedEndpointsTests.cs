using System.Net;
using EdgePbx.Web.Tests.Support;
using static EdgePbx.Web.Tests.Support.WebShellHost;

namespace EdgePbx.Web.Tests.Security;

public sealed class GuardedEndpointsTests
{
    private const string Password = "correct horse battery";

    [Theory]
    [InlineData("/api/status")]
    public async Task Api_refuses_without_a_session(string path)
    {
        await using var host = await StartAsync();
        await host.Accounts.TryCreateFirstAsync("installer", Password);
        using var anonymous = host.Browser();
        var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_without_a_session_redirects_to_login()
    {
        await using var host = await StartAsync();
        await host.Accounts.TryCreateFirstAsync("installer", Password);
        using var anonymous = host.Browser();
        var response = await anonymous.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Unsafe_request_without_the_session_csrf_token_is_forbidden_and_with_it_passes()
    {
        await using var host = await StartAsync();
        using var browser = await LoggedIn(host);
        string dashboard = await browser.GetStringAsync(new Uri("/", UriKind.Relative));

        var forged = await browser.PostAsync(new Uri("/logout", UriKind.Relative), Form(("csrf", "nope")));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);

        var real = await browser.PostAsync(new Uri("/logout", UriKind.Relative), Form(("csrf", MetaCsrf(dashboard))));
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Session_dies_after_thirty_idle_minutes()
    {
        await using var host = await StartAsync();
        using var browser = await LoggedIn(host);
        host.Time.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
        host.Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/status", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        await using var host = await StartAsync();
        using var browser = host.Browser();
        var response = await browser.GetAsync(new Uri("/setup", UriKind.Relative));
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Assets_are_served_from_the_binary_and_unknown_ones_are_404()
    {
        await using var host = await StartAsync();
        using var browser = host.Browser();
        var css = await browser.GetAsync(new Uri("/assets/app.css", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri("/assets/../../etc/passwd", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri("/assets/app.cs", UriKind.Relative))).StatusCode);
    }

    private static async Task<HttpClient> LoggedIn(WebShellHost host)
    {
        await host.Accounts.TryCreateFirstAsync("installer", Password);
        var browser = host.Browser();
        string page = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));
        var response = await browser.PostAsync(new Uri("/login", UriKind.Relative), Form(("csrf", HiddenCsrf(page)), ("user", "installer"), ("password", Password)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }
}
