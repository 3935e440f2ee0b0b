using EdgePbx.Hardware.Buttons;
using EdgePbx.Hardware.Panel;
using EdgePbx.Hardware.Settings;
using EdgePbx.Storage.Audit;
using EdgePbx.Web.Api;
using EdgePbx.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgePbx.Daemon.Hosting;

/// <summary>
/// The front panel over HTTP for the installer (behind the web page's login): <c>GET /api/panel</c> is the
/// panel's own snapshot (every LED's pattern and level now, the backend and its warning), what a virtual
/// panel draws; <c>POST /api/panel/buttons/{night|reset}?pressed=true|false</c> presses or releases a
/// button of the simulated panel, through the same debounce and long-press timing as a finger (audited:
/// a long press switches night mode or starts a factory reset). Both are in the web API's OpenAPI document.
/// </summary>
public static class PanelEndpoints
{
    public static void MapPanel(this IEndpointRouteBuilder endpoints, FrontPanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        endpoints.MapGet("/api/panel", () => Results.Json(panel.Snapshot(), PanelJsonContext.Default.PanelSnapshot))
            .RequireInstaller();

        endpoints.MapPost("/api/panel/buttons/{button}", async Task<IResult> (HttpContext http, string button, bool? pressed, AuditLog audit) =>
        {
            PanelButton? which = button switch
            {
                "night" => PanelButton.Night,
                "reset" => PanelButton.Reset,
                _ => null,
            };
            if (which is not { } known)
            {
                return RequestBody.Error(StatusCodes.Status404NotFound, "no such button (night or reset)");
            }

            if (pressed is not { } down)
            {
                return RequestBody.Error(StatusCodes.Status400BadRequest, "pressed: true (press) or false (release)");
            }

            // False on real GPIO (a finger presses those) or for a button the pin map lacks.
            if (!panel.SetVirtualButton(known, down))
            {
                return RequestBody.Error(StatusCodes.Status409Conflict, "this panel has no virtual button " + button + " (real GPIO, or not in the pin map)");
            }

            await audit.AppendAsync(InstallerGuard.SessionOf(http).User, "panel.button", $"{button} {(down ? "pressed" : "released")} on the virtual panel", CancellationToken.None).ConfigureAwait(false);
            return Results.NoContent();
        }).RequireInstaller();
    }
}
