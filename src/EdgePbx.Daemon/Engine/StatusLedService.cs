using EdgePbx.Daemon.Cloud;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Panel;
using EdgePbx.Storage.Voicemail;
using EdgePbx.Switchboard.Plans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Engine;

/// <summary>
/// Keeps the two status LEDs that follow slow state in step, once a second on the injected clock: "cloud in
/// sync" (<see cref="CloudSyncService.CloudLed"/>) and "voicemail waiting" (any unheard message in the
/// mailbox of an extension of the plan in force). An LED is only told when its pattern changes, so a
/// blink keeps its phase. The panel still knows nothing of clouds or mailboxes: it is told patterns.
/// </summary>
public sealed partial class StatusLedService(
    FrontPanel panel, CloudSyncService cloud, VoicemailIndex voicemail, ActivePlan plan, TimeProvider time, ILogger<StatusLedService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private LedPattern? _cloud;
    private LedPattern? _voicemail;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = time.CreateTimer(static s => ((StatusLedService)s!).Refresh(), this, TimeSpan.Zero, Period);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>One look at the cloud and the mailboxes; public so tests can drive it without waiting.</summary>
    public void Refresh()
    {
        lock (_gate)
        {
            Show(StatusLed.Cloud, cloud.CloudLed(), ref _cloud);
            try
            {
                Show(StatusLed.Voicemail, AnyUnheard() ? LedPattern.On : LedPattern.Off, ref _voicemail);
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
            {
                // A busy or broken database must not stop the timer; the LED keeps what it showed.
                LogVoicemailUnknown(logger, ex.Message);
            }
        }
    }

    private bool AnyUnheard()
    {
        if (plan.Current?.Plan is not { } current)
        {
            return false;
        }

        foreach (var (number, extension) in current.Extensions)
        {
            if (extension.Voicemail && voicemail.List(number).Any(m => !m.Heard))
            {
                return true;
            }
        }

        return false;
    }

    private void Show(StatusLed led, LedPattern pattern, ref LedPattern? shown)
    {
        if (shown != pattern)
        {
            panel.SetStatus(led, pattern);
            shown = pattern;
        }
    }

    [LoggerMessage(EventId = 63, Level = LogLevel.Debug, Message = "Voicemail LED not refreshed: {Reason}")]
    private static partial void LogVoicemailUnknown(ILogger logger, string reason);
}
