using System.Net;
using System.Text.Json;
using EdgePbx.Web.Tests.Support;

namespace EdgePbx.Web.Tests.Api;

/// <summary>The front panel's endpoints as the daemon maps them, over the simulated panel: the snapshot, and virtual button presses that are audited.</summary>
public sealed class PanelApiTests
{
    [Fact]
    public async Task The_panel_snapshot_is_served_and_a_virtual_button_press_is_audited_while_a_bad_one_is_refused_with_a_reason()
    {
        await using var host = await WebShellHost.StartAsync();
        var (browser, csrf) = await host.LoggedInAsync();
        using (browser)
        {
            using var snapshot = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/panel", UriKind.Relative)));
            Assert.Equal("simulated", snapshot.RootElement.GetProperty("backend").GetString());
            Assert.Contains(snapshot.RootElement.GetProperty("status").EnumerateArray(), led => led.GetProperty("id").GetString() == "power");

            HttpRequestMessage Press(string path) => new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Headers = { { "X-CSRF-Token", csrf } } };
            var audits = host.Audit.Recent(100).Length;
            using var missing = await browser.SendAsync(Press("/api/panel/buttons/night"));
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Contains("pressed: true (press) or false (release)", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var unknown = await browser.SendAsync(Press("/api/panel/buttons/power?pressed=true"));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal(audits, host.Audit.Recent(100).Length);

            using var pressed = await browser.SendAsync(Press("/api/panel/buttons/night?pressed=true"));
            Assert.Equal(HttpStatusCode.NoContent, pressed.StatusCode);
            var entry = host.Audit.Recent(1)[0];
            Assert.Equal(("installer", "panel.button", "night pressed on the virtual panel"), (entry.Actor, entry.Action, entry.Detail));
        }
    }
}
