using MQTTnet;
using MQTTnet.Formatter;

namespace EdgePbx.Cloud.Mqtt;

/// <summary>Builds MQTTnet connect options from our settings (shared by the box's client and the publish tool).</summary>
internal static class MqttConnectOptionsFactory
{
    public static MqttClientOptions Create(
        MqttBrokerAddress broker,
        string clientId,
        string? username,
        string? password,
        bool allowUntrusted,
        TimeSpan keepAlive,
        TimeSpan timeout,
        TimeSpan? sessionExpiry)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(keepAlive)
            .WithTimeout(timeout);

        // A kept session lets the broker queue QoS 1 plans while the box is offline.
        builder = sessionExpiry is { } expiry
            ? builder.WithCleanStart(false).WithSessionExpiryInterval((uint)Math.Min(expiry.TotalSeconds, uint.MaxValue))
            : builder.WithCleanStart(true);

        var user = username ?? broker.Username;
        var pass = password ?? broker.Password;
        if (user is not null)
        {
            builder = builder.WithCredentials(user, pass);
        }

        if (broker.UseTls)
        {
            builder = builder.WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost(broker.Host)
                .WithAllowUntrustedCertificates(allowUntrusted)
                .WithIgnoreCertificateChainErrors(allowUntrusted));
        }

        return builder.Build();
    }
}
