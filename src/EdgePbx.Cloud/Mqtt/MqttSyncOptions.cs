namespace EdgePbx.Cloud.Mqtt;

/// <summary>Push settings. Credentials may come from here or from the broker URL (these win).</summary>
public sealed record MqttSyncOptions(MqttBrokerAddress Broker)
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>Only for lab brokers with self-signed certificates; production verifies the chain.</summary>
    public bool AllowUntrustedCertificates { get; init; }

    public MqttTopics Topics { get; init; } = new();

    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the broker keeps our session (subscriptions, queued QoS 1 plans) while we are away.</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromMinutes(1);
}
