using EdgePbx.Cloud.Mqtt;

namespace EdgePbx.Cloud.Tests.TestSupport;

/// <summary>A box (fakes for storage and routing, real MQTT client) connected to a test broker.</summary>
internal sealed class BoxOnBroker : IAsyncDisposable
{
    public BoxOnBroker(MosquittoBroker broker, TimeProvider time, string deviceId = "box-1", params string[] groups)
        : this(broker, time, null, deviceId, groups)
    {
    }

    public BoxOnBroker(MosquittoBroker broker, TimeProvider time, Func<MqttSyncOptions, MqttSyncOptions>? configure, string deviceId = "box-1", params string[] groups)
    {
        Harness = new PlanSyncHarness(time, deviceId, groups);
        Assert.True(MqttBrokerAddress.TryParse(broker.Url, out var address, out _));
        var options = new MqttSyncOptions(address!)
        {
            MinReconnectDelay = TimeSpan.FromSeconds(1),
            MaxReconnectDelay = TimeSpan.FromSeconds(8),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            KeepAlive = TimeSpan.FromSeconds(5),
        };
        Client = new MqttPlanClient(configure is null ? options : configure(options), Harness.Applier, Harness.Status, time);
    }

    public PlanSyncHarness Harness { get; }

    public MqttPlanClient Client { get; }

    public InMemoryPlanStore Store => Harness.Store;

    public TestKey Key => Harness.Key;

    /// <summary>Polls with a deadline; <paramref name="tick"/> runs each round (e.g. to advance a fake clock).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within, string what, Action? tick = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {within}");
            }

            tick?.Invoke();
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Harness.Dispose();
    }
}
