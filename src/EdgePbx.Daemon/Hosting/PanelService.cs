using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Panel;
using Microsoft.Extensions.Hosting;

namespace EdgePbx.Daemon.Hosting;

/// <summary>
/// Lights the power LED once the box runs and turns it off on the way down. The panel itself is a
/// singleton (the web page shows its snapshot as the virtual panel); it never asks the engine anything.
/// </summary>
public sealed class PanelService(FrontPanel panel) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        panel.SetStatus(StatusLed.Power, on: true);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        panel.SetStatus(StatusLed.Power, LedPattern.Blink);
        return Task.CompletedTask;
    }
}
