using EdgePbx.Switchboard.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Systemd;

/// <summary>
/// systemd watchdog keep-alive (sd_watchdog_enabled(3)): WATCHDOG=1 every half interval, but only when
/// every engine worker answered the previous probe. A hung engine therefore stops the keep-alives and
/// systemd restarts the daemon, while a merely busy host process keeps beating.
/// </summary>
public sealed partial class WatchdogService(
    NotifySocket notify, EngineLoop engine, TimeProvider time, ILogger<WatchdogService> logger) : BackgroundService
{
    private readonly TimeSpan? _interval = WatchdogSettings.FromEnvironment();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_interval is not { } interval || !notify.IsEnabled)
        {
            return;
        }
        LogEnabled(logger, interval.TotalMilliseconds);
        long? pending = null;
        bool reportedHang = false;
        using var timer = new PeriodicTimer(interval / 2, time);
        do
        {
            if (pending is null || engine.HasAnswered(pending.Value))
            {
                notify.Send("WATCHDOG=1");
                pending = engine.Probe();
                reportedHang = false;
            }
            else if (!reportedHang)
            {
                LogEngineHung(logger);
                reportedHang = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Watchdog enabled: keep-alive every {HalfIntervalMs} ms / 2")]
    private static partial void LogEnabled(ILogger logger, double halfIntervalMs);

    [LoggerMessage(EventId = 21, Level = LogLevel.Critical, Message = "Engine loop did not answer its liveness probe; withholding watchdog keep-alives")]
    private static partial void LogEngineHung(ILogger logger);
}
