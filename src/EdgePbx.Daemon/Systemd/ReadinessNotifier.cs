using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Systemd;

/// <summary>
/// Sends READY=1 once the host has started, which is after every hosted service's StartAsync returned:
/// the SIP transports and Kestrel are bound by then (a bind failure stops start-up instead), so a
/// Type=notify unit only counts the box as up when it can really take calls and serve the page.
/// Under systemd itself Microsoft.Extensions.Hosting.Systemd's lifetime sends the same message.
/// </summary>
public sealed partial class ReadinessNotifier(
    NotifySocket notify, IHostApplicationLifetime lifetime, ILogger<ReadinessNotifier> logger) : IHostedService
{
    private readonly bool _systemdSendsReady = SystemdHelpers.IsSystemdService();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (!_systemdSendsReady && notify.Send("READY=1\nSTATUS=taking calls"))
            {
                LogReady(logger);
            }
        });
        lifetime.ApplicationStopping.Register(() =>
        {
            if (!_systemdSendsReady)
            {
                notify.Send("STOPPING=1");
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Told the service manager the box is ready")]
    private static partial void LogReady(ILogger logger);
}
