using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Tests.TestSupport;
using EdgePbx.Cloud.Tools;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;

namespace EdgePbx.Cloud.Tests.Mqtt;

/// <summary>TLS and credentials from settings, against a mosquitto that demands both.</summary>
public sealed class MqttPlanClientSecurityTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly MosquittoSecurity Security = new("box-1", "s3cret");

    [MosquittoFact]
    public async Task Box_connects_over_tls_with_credentials_from_settings_and_applies_a_plan()
    {
        await using var broker = await MosquittoBroker.StartAsync(Security);
        await using var box = new BoxOnBroker(broker, TimeProvider.System, o => o with
        {
            Username = "box-1",
            Password = "s3cret",
            AllowUntrustedCertificates = true,
        });
        var applied = box.Store.NextApply;
        box.Client.Start();
        await BoxOnBroker.WaitUntilAsync(() => box.Client.ConnectCount == 1, Deadline, "TLS connect");

        await RawPublisherOverTls(broker, box);

        Assert.Equal(1, (await applied.WaitAsync(Deadline)).Version);
    }

    [MosquittoFact]
    public async Task Publish_tool_refuses_a_broker_whose_certificate_it_cannot_verify()
    {
        await using var broker = await MosquittoBroker.StartAsync(Security);
        using var key = new TestKey();

        var result = await PlanTool.PublishAsync(
            Plans.Signed(key, 1, PlanTarget.Device("box-1")), $"mqtts://box-1:s3cret@127.0.0.1:{broker.Port}", "box-1", null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("cannot publish to mqtts://127.0.0.1:", Assert.Single(result.Errors));
        Assert.DoesNotContain("s3cret", result.Errors[0]);
    }

    [MosquittoFact]
    public async Task Box_with_a_wrong_password_stays_offline_and_keeps_retrying_without_failing()
    {
        var time = new FakeTimeProvider(Plans.IssuedAt);
        await using var broker = await MosquittoBroker.StartAsync(Security);
        await using var box = new BoxOnBroker(broker, time, o => o with
        {
            Username = "box-1",
            Password = "wrong",
            AllowUntrustedCertificates = true,
        });

        box.Client.Start();
        await BoxOnBroker.WaitUntilAsync(() => box.Client.ConnectAttempts >= 3, Deadline, "three refused attempts", () => time.Advance(TimeSpan.FromSeconds(1)));

        Assert.False(box.Client.IsConnected);
        Assert.Equal(0, box.Client.ConnectCount);
    }

    [MosquittoFact]
    public async Task Box_refuses_a_self_signed_broker_certificate_unless_settings_allow_it()
    {
        await using var broker = await MosquittoBroker.StartAsync(Security);
        var time = new FakeTimeProvider(Plans.IssuedAt);
        await using var strict = new BoxOnBroker(broker, time, o => o with { Username = "box-1", Password = "s3cret" });
        await using var lax = new BoxOnBroker(broker, time, o => o with { Username = "box-1", Password = "s3cret", AllowUntrustedCertificates = true }, "box-2");

        strict.Client.Start();
        lax.Client.Start();
        await BoxOnBroker.WaitUntilAsync(() => lax.Client.ConnectCount == 1, Deadline, "lax box connects");

        Assert.Equal(0, strict.Client.ConnectCount);
    }

    /// <summary>The cloud side with the same credentials, trusting the test certificate.</summary>
    private static async Task RawPublisherOverTls(MosquittoBroker broker, BoxOnBroker box)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MQTTnet.MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.Port)
            .WithCredentials("box-1", "s3cret")
            .WithTlsOptions(t => t.UseTls().WithAllowUntrustedCertificates().WithIgnoreCertificateChainErrors())
            .Build());
        await client.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder()
            .WithTopic("edgepbx/devices/box-1/plan")
            .WithPayload(Plans.Signed(box.Key, 1, PlanTarget.Device("box-1")))
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag()
            .Build());
        await client.DisconnectAsync();
    }
}
