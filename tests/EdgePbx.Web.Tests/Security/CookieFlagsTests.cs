using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace EdgePbx.Web.Tests.Security;

/// <summary>The session and pre-session cookies' flags, over plain HTTP (the box's laptop cable) and over HTTPS (behind TLS).</summary>
public sealed class CookieFlagsTests
{
    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public void Session_and_csrf_cookies_are_http_only_same_site_strict_and_secure_exactly_over_https(string scheme, bool secure)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        Cookies.SetSession(context, new InstallerSession("token", "installer", "csrf", DateTimeOffset.UnixEpoch));
        Cookies.PreSessionToken(context);

        var cookies = SetCookieHeaderValue.ParseList(context.Response.Headers.SetCookie.Select(v => v ?? string.Empty).ToList());
        Assert.Equal(2, cookies.Count);
        Assert.All(cookies, c =>
        {
            Assert.True(c.HttpOnly, $"{c.Name} HttpOnly");
            Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, c.SameSite);
            Assert.Equal(secure, c.Secure);
            Assert.Equal("/", c.Path.ToString());
        });
    }
}
