using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgePbx.Cloud.Apply;
using EdgePbx.Cloud.Logging;
using EdgePbx.Cloud.Status;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgePbx.Cloud.Mqtt;

/// <summary>
/// The box's MQTT session: subscribes to its device and group plan topics, hands every plan to the
/// <see cref="PlanApplier"/>, reports outcomes on its status topic, and reconnects with back-off.
/// Offline-first: <see cref="Start"/> returns at once, no broker failure reaches the caller, and
/// status reports made while offline wait (bounded) for the next connection.
/// </summary>
public sealed class MqttPlanClient : IStatusPublisher, IAsyncDisposable
{
    private const int MaxPendingStatus = 32;

    private readonly MqttSyncOptions _options;
    private readonly PlanApplier _applier;
    private readonly StatusReportBuilder _status;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _connectOptions;
    private readonly ReconnectBackoff _backoff;
    private readonly string _brokerName;
    private readonly ConcurrentQueue<StatusReport> _pendingStatus = new();

    // Plans are applied off MQTTnet's receive path so a slow store never stalls keep-alives and a
    // status publish (which awaits its PUBACK) never waits on the loop that would deliver it.
    private readonly Channel<(string Topic, byte[] Payload)> _inbox =
        Channel.CreateBounded<(string Topic, byte[] Payload)>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    // The inbox loop, the pull path and the connection loop all report; one flusher at a time keeps
    // each queued report published once and in order.
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _disconnected = NewSignal();
    private Task? _connectionLoop;
    private Task? _inboxLoop;
    private int _connectCount;
    private int _connectAttempts;

    public MqttPlanClient(
        MqttSyncOptions options,
        PlanApplier applier,
        StatusReportBuilder status,
        TimeProvider timeProvider,
        ILogger<MqttPlanClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(applier);

        // Settings, not network input: an id with '/', '+' or '#' would subscribe to other boxes' plans.
        var ids = applier.Device.Groups.Prepend(applier.Device.DeviceId);
        if (ids.FirstOrDefault(id => !MqttTopics.IsSafeSegment(id)) is { } unsafeId)
        {
            throw new ArgumentException($"device or group id '{unsafeId}' is empty or contains / + #", nameof(applier));
        }

        _options = options;
        _applier = applier;
        _status = status;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _brokerName = options.Broker.ToString();
        _backoff = new ReconnectBackoff(options.MinReconnectDelay, options.MaxReconnectDelay);
        _connectOptions = MqttConnectOptionsFactory.Create(
            options.Broker,
            "edgepbx-" + applier.Device.DeviceId,
            options.Username,
            options.Password,
            options.AllowUntrustedCertificates,
            options.KeepAlive,
            options.ConnectTimeout,
            options.SessionExpiry);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>How many times a session was established (tests watch this to see a reconnect).</summary>
    public int ConnectCount => Volatile.Read(ref _connectCount);

    /// <summary>How many connects were tried, failed ones included (diagnostics, and tests of the retry loop).</summary>
    public int ConnectAttempts => Volatile.Read(ref _connectAttempts);

    public void Start()
    {
        _connectionLoop ??= Task.Run(() => ConnectionLoopAsync(_stop.Token));
        _inboxLoop ??= Task.Run(() => InboxLoopAsync(_stop.Token));
    }

    public async ValueTask PublishAsync(StatusReport report, CancellationToken cancellationToken)
    {
        _pendingStatus.Enqueue(report);
        while (_pendingStatus.Count > MaxPendingStatus && _pendingStatus.TryDequeue(out _))
        {
            // Offline for long: the oldest reports matter least; the newest carry the current state.
        }

        await FlushStatusAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _inbox.Writer.TryComplete();
        foreach (var loop in new[] { _connectionLoop, _inboxLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _client.Dispose();
        _flushGate.Dispose();
        _stop.Dispose();
    }

    private async Task ConnectionLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Volatile.Write(ref _disconnected, NewSignal());
            Interlocked.Increment(ref _connectAttempts);
            try
            {
                await _client.ConnectAsync(_connectOptions, cancellationToken).ConfigureAwait(false);
                await SubscribeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // An unreachable or refusing broker is normal life for a box: wait and try again.
                await DropConnectionAsync().ConfigureAwait(false);
                var delay = _backoff.Next();
                _logger.MqttConnectFailed(_brokerName, delay, e.Message);
                await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
                continue;
            }

            _backoff.Reset();
            Interlocked.Increment(ref _connectCount);
            _logger.MqttConnected(_brokerName);
            await ReportHealthAsync(cancellationToken).ConfigureAwait(false);
            await StayConnectedAsync(cancellationToken).ConfigureAwait(false);

            // A dropped connection waits out the back-off too: a broker that just went away is not
            // hammered by a fleet reconnecting at once, and the wait runs on the injected clock.
            if (!cancellationToken.IsCancellationRequested)
            {
                await DelayAsync(_backoff.Next(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task StayConnectedAsync(CancellationToken cancellationToken)
    {
        var disconnected = Volatile.Read(ref _disconnected).Task;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var tickStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var tick = Task.Delay(_options.HealthInterval, _time, tickStop.Token);
            var first = await Task.WhenAny(disconnected, tick).ConfigureAwait(false);
            if (first == disconnected || cancellationToken.IsCancellationRequested)
            {
                // Release the health timer now rather than leaving it armed for a dead connection.
                await tickStop.CancelAsync().ConfigureAwait(false);
                return;
            }

            await ReportHealthAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var topics = _options.Topics;
        var device = _applier.Device;
        var builder = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topics.DevicePlan(device.DeviceId), MqttQualityOfServiceLevel.AtLeastOnce);
        foreach (var group in device.Groups)
        {
            builder = builder.WithTopicFilter(topics.GroupPlan(group), MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // An empty retained message is how a publisher clears a topic; it carries no plan.
        var message = e.ApplicationMessage;
        if (!message.Payload.IsEmpty)
        {
            // Copied now: the payload's buffer belongs to MQTTnet once this handler returns.
            _inbox.Writer.TryWrite((message.Topic, message.Payload.ToArray()));
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (e.ClientWasConnected)
        {
            _logger.MqttDisconnected(_brokerName, e.Reason.ToString());
        }

        Volatile.Read(ref _disconnected).TrySetResult();
        return Task.CompletedTask;
    }

    private async Task InboxLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var outcome = await _applier.ApplyAsync(message.Payload, message.Topic, cancellationToken).ConfigureAwait(false);
                if (outcome.Kind == ApplyOutcomeKind.AlreadyApplied)
                {
                    continue;
                }

                var state = await _applier.GetStateAsync(cancellationToken).ConfigureAwait(false);
                await PublishAsync(_status.ForOutcome(outcome, state), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A broken store must not end the loop: later plans (or a repaired disk) still deserve a try.
                _logger.PlanHandlingFailed(message.Topic, e);
            }
        }
    }

    private async Task ReportHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var state = await _applier.GetStateAsync(cancellationToken).ConfigureAwait(false);
            await PublishAsync(_status.ForHealth(state), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Health is best effort; the connection loop must survive a store that cannot be read.
            _logger.HealthReportFailed(e);
        }
    }

    private async Task FlushStatusAsync(CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushStatusLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushGate.Release();
        }
    }

    private async Task FlushStatusLockedAsync(CancellationToken cancellationToken)
    {
        var topic = _options.Topics.DeviceStatus(_applier.Device.DeviceId);
        while (_client.IsConnected && _pendingStatus.TryPeek(out var report))
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(StatusReportBuilder.Serialize(report))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag()
                .Build();
            try
            {
                await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Lost the connection mid-publish: the report stays queued for the next session.
                _logger.StatusPublishFailed(e.Message);
                return;
            }

            _pendingStatus.TryDequeue(out _);
        }
    }

    /// <summary>Connected but not subscribed is useless (no plans would arrive): start over cleanly.</summary>
    private async Task DropConnectionAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends it.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
