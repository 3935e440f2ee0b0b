using System.Buffers;
using System.Collections.Concurrent;
using EdgePbx.Cloud.Status;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>Plays the cloud's side: subscribes to a box's status topic and collects what arrives.</summary>
internal sealed class StatusWatcher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<StatusReport> _reports = new();

    private StatusWatcher()
    {
    }

    public IReadOnlyCollection<StatusReport> Reports => _reports;

    public static async Task<StatusWatcher> StartAsync(MosquittoBroker broker, string topic)
    {
        var watcher = new StatusWatcher();
        watcher._client.ApplicationMessageReceivedAsync += e =>
        {
            var report = StatusReportBuilder.TryDeserialize(e.ApplicationMessage.Payload.ToArray());
            Assert.NotNull(report);
            watcher._reports.Enqueue(report);
            return Task.CompletedTask;
        };
        await watcher._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithClientId("cloud-watcher-" + Guid.NewGuid().ToString("N"))
            .Build());
        await watcher._client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        return watcher;
    }

    /// <summary>Polls with a deadline for a report matching <paramref name="match"/>.</summary>
    public async Task<StatusReport> WaitForAsync(Func<StatusReport, bool> match, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            var found = _reports.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"no matching status within {within}; saw: {string.Join(" | ", _reports.Select(r => $"{r.Event} v{r.CurrentVersion} rej {r.RejectedVersion}"))}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
