using EdgePbx.Hardware.Buttons;
using EdgePbx.Hardware.Panel;
using EdgePbx.Hardware.Settings;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Daemon.Hosting;

/// <summary>
/// The front panel over HTTP for the installer (behind the web page's login): <c>GET /api/panel</c> is the
/// panel's own snapshot (every LED's pattern and level now, the backend and its warning), what a virtual
/// panel draws; <c>POST /api/panel/buttons/{night|reset}?pressed=true|false</c> presses or releases a
/// button of the simulated panel, through the same debounce and long-press timing as a finger.
/// </summary>
public static class PanelEndpoints
{
    public static void MapPanel(this IEndpointRouteBuilder endpoints, FrontPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        endpoints.MapGet("/api/panel", () => Results.Json(panel.Snapshot(), PanelJsonContext.Default.PanelSnapshot))
            .RequireInstaller();

        endpoints.MapPost("/api/panel/buttons/{button}", (string button, bool pressed) =>
        {
            PanelButton? which = button switch
            {
                "night" => PanelButton.Night,
                "reset" => PanelButton.Reset,
                _ => null,
            };
            if (which is not { } known)
            {
                return Results.NotFound();
            }

            // False on real GPIO (a finger presses those) or for a button the pin map lacks.
            return panel.SetVirtualButton(known, pressed) ? Results.NoContent() : Results.Conflict();
        }).RequireInstaller();
    }
}
