using MQTTnet;
using MQTTnet.Protocol;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>
/// Plays the cloud's publisher with a connection held open, so a latency measurement covers
/// publish → applied only; also sends arbitrary bytes (garbage included), which the real tool refuses.
/// </summary>
internal sealed class RawPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private RawPublisher()
    {
    }

    public static async Task<RawPublisher> ConnectAsync(MosquittoBroker broker)
    {
        var publisher = new RawPublisher();
        await publisher._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).Build());
        return publisher;
    }

    public static async Task PublishRetainedAsync(MosquittoBroker broker, string topic, byte[] payload)
    {
        await using var publisher = await ConnectAsync(broker);
        await publisher.PublishRetainedAsync(topic, payload);
    }

    public async Task PublishRetainedAsync(string topic, byte[] payload)
    {
        var result = await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .Build());
        Assert.True(result.IsSuccess, result.ReasonString);
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
