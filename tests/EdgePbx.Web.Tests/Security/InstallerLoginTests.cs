using System.Net;
using EdgePbx.Web.Security;
using EdgePbx.Web.Tests.Support;
using static EdgePbx.Web.Tests.Support.WebShellHost;

namespace EdgePbx.Web.Tests.Security;

public sealed class InstallerLoginTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task First_visit_goes_to_setup_and_no_default_password_logs_in()
    {
        await using var host = await StartAsync();
        using var browser = host.Browser();
        var root = await browser.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/setup", root.Headers.Location!.OriginalString);

        var login = await browser.GetAsync(new Uri("/login", UriKind.Relative));
        Assert.Equal("/setup", login.Headers.Location!.OriginalString);
        foreach (var guess in new[] { "admin", "password", "123456", "" })
        {
            Assert.False(host.Accounts.Verify("admin", guess));
        }
    }

    [Fact]
    public async Task Setup_sets_the_password_logs_in_and_then_closes_for_good()
    {
        await using var host = await StartAsync();
        using var browser = host.Browser();
        string page = await browser.GetStringAsync(new Uri("/setup", UriKind.Relative));
        var set = await browser.PostAsync(new Uri("/setup", UriKind.Relative),
            Form(("csrf", HiddenCsrf(page)), ("user", "installer"), ("password", Password), ("confirm", Password)));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/", set.Headers.Location!.OriginalString);

        var dashboard = await browser.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Dashboard", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var other = host.Browser();
        var again = await other.GetAsync(new Uri("/setup", UriKind.Relative));
        Assert.Equal("/login", again.Headers.Location!.OriginalString);
        Assert.True(host.Accounts.Verify("installer", Password));
    }

    [Theory]
    [InlineData("short", "short", "Use at least 10 characters.")]
    [InlineData("aaaaaaaaaaaa", "aaaaaaaaaaaa", "Use a password with more different characters.")]
    [InlineData("correct horse battery", "correct horse batterY", "The two passwords differ.")]
    public async Task Weak_or_mismatched_first_password_is_refused_with_the_reason_next_to_the_field(string password, string confirm, string reason)
    {
        await using var host = await StartAsync();
        using var browser = host.Browser();
        string page = await browser.GetStringAsync(new Uri("/setup", UriKind.Relative));
        var response = await browser.PostAsync(new Uri("/setup", UriKind.Relative),
            Form(("csrf", HiddenCsrf(page)), ("user", "installer"), ("password", password), ("confirm", confirm)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<p class=\"problem\" id=\"password-problem\">{reason}</p>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(host.Accounts.HasAnyAccount());
    }

    [Fact]
    public async Task Setup_without_the_csrf_token_changes_nothing()
    {
        await using var host = await StartAsync();
        using var browser = host.Browser();
        await browser.GetStringAsync(new Uri("/setup", UriKind.Relative));
        var response = await browser.PostAsync(new Uri("/setup", UriKind.Relative),
            Form(("csrf", "forged"), ("user", "installer"), ("password", Password), ("confirm", Password)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(host.Accounts.HasAnyAccount());
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_out_and_the_lock_expires()
    {
        await using var host = await StartAsync();
        await host.Accounts.TryCreateFirstAsync("installer", Password);
        using var browser = host.Browser();
        string page = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));
        string csrf = HiddenCsrf(page);
        for (int i = 0; i < LoginThrottle.FreeAttempts; i++)
        {
            var wrong = await browser.PostAsync(new Uri("/login", UriKind.Relative), Form(("csrf", csrf), ("user", "installer"), ("password", "guess" + i)));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        // Locked: even the right password is refused now.
        var locked = await browser.PostAsync(new Uri("/login", UriKind.Relative), Form(("csrf", csrf), ("user", "installer"), ("password", Password)));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Too many wrong passwords", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        host.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var after = await browser.PostAsync(new Uri("/login", UriKind.Relative), Form(("csrf", csrf), ("user", "installer"), ("password", Password)));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Session_cookie_is_http_only_and_same_site_strict()
    {
        await using var host = await StartAsync();
        await host.Accounts.TryCreateFirstAsync("installer", Password);
        using var browser = host.Browser();
        string page = await browser.GetStringAsync(new Uri("/login", UriKind.Relative));
        var response = await browser.PostAsync(new Uri("/login", UriKind.Relative), Form(("csrf", HiddenCsrf(page)), ("user", "installer"), ("password", Password)));
        string cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Cookies.Session + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
