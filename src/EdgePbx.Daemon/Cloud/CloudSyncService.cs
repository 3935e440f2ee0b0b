using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Mqtt;
using EdgePbx.Cloud.Pull;
using EdgePbx.Cloud.Signing;
using EdgePbx.Cloud.Status;
using EdgePbx.Daemon.Configuration;
using EdgePbx.Hardware.Leds;
using EdgePbx.Hardware.Panel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgePbx.Daemon.Cloud;

/// <summary>
/// Keeps the plan in step with the cloud when the settings name a device id and trusted keys: MQTT
/// push (and HTTPS pull when a URL is set). Calls never wait on it; with no broker the box runs on.
/// </summary>
public sealed partial class CloudSyncService(
    DaemonSettings settings,
    IPlanStore store,
    IDeviceHealth health,
    FrontPanel panel,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<CloudSyncService>();
    private readonly CancellationTokenSource _stop = new();
    private PlanApplier? _applier;
    private MqttPlanClient? _mqtt;
    private StatusReportBuilder? _status;
    private HttpClient? _http;
    private HttpPlanPuller? _puller;
    private Task _pulling = Task.CompletedTask;

    /// <summary>One line for the dashboard: off, or the MQTT connection and pull URL in use.</summary>
    public string Describe()
    {
        var cloud = settings.Cloud;
        if (!cloud.Enabled)
        {
            return "off (no cloud section in the settings)";
        }

        var mqtt = _mqtt is null ? "no MQTT broker" : _mqtt.IsConnected ? "MQTT connected" : $"MQTT connecting ({_mqtt.ConnectAttempts} attempt(s))";
        return cloud.PullUrl is null ? mqtt : $"{mqtt}; pulling {cloud.PullUrl}";
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var cloud = settings.Cloud;
        if (!cloud.Enabled)
        {
            LogOff(_logger);
            return Task.CompletedTask;
        }

        var pems = cloud.TrustedKeys.ToDictionary(k => k.Key, k => File.ReadAllText(k.Value), StringComparer.Ordinal);
        var keys = TrustedKeys.Load(pems, out var keyErrors);
        if (keyErrors.Count > 0)
        {
            throw new InvalidOperationException($"cloud.trustedKeys: {keyErrors[0]}");
        }

        var device = new DeviceIdentity(cloud.DeviceId!, cloud.Groups);
        _applier = new PlanApplier(device, new PlanVerifier(keys), new RoutingPlanValidator(), store, loggers.CreateLogger<PlanApplier>());
        var status = new StatusReportBuilder(device, health, time);
        _status = status;
        if (cloud.Mqtt is { } url && MqttBrokerAddress.TryParse(url, out var broker, out _))
        {
            _mqtt = new MqttPlanClient(new MqttSyncOptions(broker!) { Username = cloud.Username, Password = cloud.Password }, _applier, status, time, loggers.CreateLogger<MqttPlanClient>());
            _mqtt.Start();
            panel.SetStatus(StatusLed.Cloud, LedPattern.Blink);
        }

        if (cloud.PullUrl is { } pullUrl)
        {
            _http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var puller = new HttpPlanPuller(_http, pullUrl, _applier, status, _mqtt, time, loggers.CreateLogger<HttpPlanPuller>());
            _puller = puller;
            _pulling = puller.RunAsync(cloud.PullInterval, _stop.Token);
        }

        var pullText = cloud.PullUrl?.ToString() ?? "-";
        LogOn(_logger, device.DeviceId, cloud.Mqtt ?? "-", pullText);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The front panel's "cloud in sync" LED: off with cloud sync off; on while the box is in touch with the
    /// cloud (MQTT session up, or the last pull answered); blinking while it connects or before the first
    /// pull; fast blinking when the last pull failed and no MQTT session makes up for it.
    /// </summary>
    public LedPattern CloudLed()
    {
        if (!settings.Cloud.Enabled)
        {
            return LedPattern.Off;
        }

        if (_mqtt is { IsConnected: true })
        {
            return LedPattern.On;
        }

        return _puller?.LastResult?.Kind switch
        {
            EdgePbx.Cloud.Pull.PullResultKind.Received or EdgePbx.Cloud.Pull.PullResultKind.NotModified => LedPattern.On,
            EdgePbx.Cloud.Pull.PullResultKind.Failed when _mqtt is null => LedPattern.FastBlink,
            _ => LedPattern.Blink,
        };
    }

    /// <summary>
    /// Tells the cloud that the box went back to last-known-good (<c>edgepbx plan rollback</c> then SIGHUP).
    /// Queued by the MQTT client while the broker is away; a no-op with cloud sync off.
    /// </summary>
    public async Task ReportRollbackAsync(CancellationToken cancellationToken)
    {
        if (_applier is null || _status is null || _mqtt is null)
        {
            return;
        }

        var state = await _applier.GetStateAsync(cancellationToken).ConfigureAwait(false);
        await _mqtt.PublishAsync(_status.ForRollback(state), cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pulling.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        if (_mqtt is not null)
        {
            await _mqtt.DisposeAsync().ConfigureAwait(false);
        }

        _http?.Dispose();
        _applier?.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "Cloud plan sync off (no cloud.deviceId/trustedKeys in the settings)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "Cloud plan sync on for device {DeviceId}: MQTT {Mqtt}, pull {Pull}")]
    private static partial void LogOn(ILogger logger, string deviceId, string mqtt, string pull);
}
