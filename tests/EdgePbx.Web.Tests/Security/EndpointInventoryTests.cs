using System.Net;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Security;

/// <summary>
/// Security rules checked against every endpoint the app maps (enumerated from its EndpointDataSource), so an
/// endpoint added later is covered without anyone remembering to list it here.
/// </summary>
public sealed class EndpointInventoryTests
{
    private const string SipSecret = "Zq8-sip-SECRET";
    private const string PinSecret = "975318";

    [Fact]
    public async Task Every_endpoint_except_the_public_ones_refuses_without_a_session_and_changes_nothing()
    {
        await using var host = await WebShellHost.StartAsync();
        await host.Accounts.TryCreateFirstAsync("installer", WebShellHost.Password);
        var routes = Endpoints.All(host.Services).Where(r => !Endpoints.Public.Contains(r.Pattern)).ToList();
        Assert.True(routes.Count >= 50, $"only {routes.Count} guarded routes found: enumeration broken?");
        var auditBefore = host.Audit.Recent(1000).Length;
        using var anonymous = host.Browser();

        foreach (var route in routes)
        {
            using var response = await anonymous.SendAsync(Endpoints.Request(route));
            if (route.IsApi)
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route}: {response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/login", $"{route}: {response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.Equal(1, host.Revision);
        Assert.Equal(auditBefore, host.Audit.Recent(1000).Length);
    }

    [Fact]
    public async Task Every_state_changing_endpoint_refuses_a_missing_or_wrong_csrf_token_and_changes_nothing()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var unsafeRoutes = Endpoints.All(host.Services).Where(r => !r.IsSafe && !Endpoints.Public.Contains(r.Pattern)).ToList();
            Assert.True(unsafeRoutes.Count >= 20, $"only {unsafeRoutes.Count} state-changing routes found");
            var auditBefore = host.Audit.Recent(1000).Length;

            foreach (var route in unsafeRoutes)
            {
                foreach (var (header, field) in new (string?, string?)[] { (null, null), ("wrong", null), (null, "wrong"), (csrf + "x", null) })
                {
                    using var response = await browser.SendAsync(Endpoints.Request(route, header, field));
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route} with header {header ?? "-"} field {field ?? "-"}: {response.StatusCode}");
                }
            }

            Assert.Equal(1, host.Revision);
            Assert.Equal(auditBefore, host.Audit.Recent(1000).Length);
            Assert.Empty(host.Phones.List());
        }
    }

    [Fact]
    public async Task No_response_of_any_page_or_api_contains_a_phone_secret()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            var saved = await browser.PostAsync(new Uri("/extensions/save", UriKind.Relative), WebShellHost.Form(
                ("csrf", csrf), ("original", "101"), ("id", "101"), ("name", "Reception"), ("voicemail", "on"), ("ringSeconds", "25"),
                ("sipPassword", SipSecret), ("voicemailPin", PinSecret)));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal(SipSecret, host.Phones.FindSipPassword("101"));

            // A refused save re-renders the form: the secrets typed in must not come back either.
            var refused = await browser.PostAsync(new Uri("/extensions/save", UriKind.Relative), WebShellHost.Form(
                ("csrf", csrf), ("original", "101"), ("id", "101"), ("ringSeconds", "zero"), ("sipPassword", SipSecret + "2"), ("voicemailPin", PinSecret)));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            AssertNoSecret("refused save", await refused.Content.ReadAsStringAsync(), SipSecret + "2");

            var routes = Endpoints.All(host.Services).Where(r => r.IsSafe).ToList();
            foreach (var route in routes)
            {
                using var response = await browser.SendAsync(Endpoints.Request(route));
                AssertNoSecret(route.ToString(), await response.Content.ReadAsStringAsync(), SipSecret);
            }

            foreach (var entry in host.Audit.Recent(1000))
            {
                AssertNoSecret("audit " + entry.Action, entry.Detail, SipSecret);
            }
        }
    }

    private static void AssertNoSecret(string where, string body, string sip)
    {
        Assert.False(body.Contains(sip, StringComparison.Ordinal), $"{where} contains the SIP password");
        Assert.False(body.Contains(PinSecret, StringComparison.Ordinal), $"{where} contains the voicemail PIN");
    }
}
