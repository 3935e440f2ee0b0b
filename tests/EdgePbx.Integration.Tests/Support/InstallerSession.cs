using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgePbx.Integration.Tests.Support;

/// <summary>
/// An installer logged in to a running daemon's web page as a browser would be: the first-visit setup
/// form (pre-session CSRF cookie), the session cookie, and the page's CSRF token for API writes.
/// </summary>
public sealed partial class InstallerSession : IDisposable
{
    private const string Password = "installer-panel-test";
    private readonly HttpClient _http;

    private InstallerSession(HttpClient http) => _http = http;

    public static async Task<InstallerSession> SetUpAsync(DaemonProcess daemon)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = daemon.WebBase,
            Timeout = TimeSpan.FromSeconds(5),
        };
        var setup = await http.GetStringAsync(new Uri("/setup", UriKind.Relative));
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = "installer",
            ["password"] = Password,
            ["confirm"] = Password,
            ["csrf"] = HiddenCsrf().Match(setup).Groups[1].Value,
        });
        var created = await http.PostAsync(new Uri("/setup", UriKind.Relative), form);
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, $"setup: {created.StatusCode}\n{await created.Content.ReadAsStringAsync()}");
        var home = await http.GetStringAsync(new Uri("/", UriKind.Relative));
        http.DefaultRequestHeaders.Add("X-CSRF-Token", MetaCsrf().Match(home).Groups[1].Value);
        return new InstallerSession(http);
    }

    /// <summary>GET /api/panel: the front panel's own snapshot.</summary>
    public async Task<JsonElement> PanelAsync()
    {
        using var response = await _http.GetAsync(new Uri("/api/panel", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/api/panel: {response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>Presses or releases a button of the simulated panel.</summary>
    public async Task ButtonAsync(string button, bool pressed)
    {
        using var response = await _http.PostAsync(new Uri($"/api/panel/buttons/{button}?pressed={(pressed ? "true" : "false")}", UriKind.Relative), null);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"button {button}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenCsrf();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaCsrf();
}
