using System.Security.Cryptography;
using EdgePbx.Cloud.Envelope;
using EdgePbx.Cloud.Mqtt;
using EdgePbx.Cloud.Signing;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgePbx.Cloud.Tools;

/// <summary>
/// The library side of <c>edgepbx plan sign FILE --key KEY</c> and
/// <c>edgepbx plan publish FILE --broker URL --device ID</c>: the daemon's CLI parses arguments,
/// reads files and prints; these do the work and return errors as values.
/// </summary>
public static class PlanTool
{
    /// <summary>Signs plan JSON with an EC P-256 private key PEM; returns the envelope bytes to write out.</summary>
    public static ToolResult<byte[]> Sign(ReadOnlySpan<byte> planJson, string privateKeyPem, PlanSigningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Version <= 0)
        {
            return ToolResults.Fail<byte[]>($"version {request.Version} must be positive");
        }

        if (!request.Target.IsWellFormed || !MqttTopics.IsSafeSegment(request.Target.Id))
        {
            return ToolResults.Fail<byte[]>($"target '{request.Target}' must be device or group with an id free of / + #");
        }

        if (!IsJson(planJson))
        {
            return ToolResults.Fail<byte[]>("plan file is not JSON");
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(privateKeyPem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return ToolResults.Fail<byte[]>($"key is not an EC private key PEM: {e.Message}");
        }

        if (key.KeySize != 256)
        {
            return ToolResults.Fail<byte[]>($"key is {key.KeySize} bits, expected P-256");
        }

        var header = new PlanHeader(PlanHeader.CurrentFormat, request.Version, request.IssuedAt, request.Target, request.KeyId);
        try
        {
            return ToolResults.Ok(EnvelopeCodec.Encode(PlanSigner.Sign(planJson, header, key)));
        }
        catch (CryptographicException e)
        {
            // A public-only PEM imports fine but cannot sign.
            return ToolResults.Fail<byte[]>($"key cannot sign (public key only?): {e.Message}");
        }
    }

    /// <summary>
    /// Publishes a signed envelope retained (QoS 1) on the plan topic of <paramref name="deviceId"/>, so
    /// a box that is offline now takes it when it reconnects. Returns the topic published to.
    /// </summary>
    public static async Task<ToolResult<string>> PublishAsync(
        ReadOnlyMemory<byte> envelopeBytes,
        string brokerUrl,
        string deviceId,
        MqttTopics? topics,
        CancellationToken cancellationToken)
    {
        var decoded = EnvelopeCodec.Decode(envelopeBytes.Span);
        if (decoded.Value is null)
        {
            return ToolResults.Fail<string>($"not a signed plan envelope: {decoded.Error}");
        }

        if (!MqttTopics.IsSafeSegment(deviceId))
        {
            return ToolResults.Fail<string>($"device id '{deviceId}' is empty or contains / + #");
        }

        if (!MqttBrokerAddress.TryParse(brokerUrl, out var broker, out var error))
        {
            return ToolResults.Fail<string>(error);
        }

        var topic = (topics ?? new MqttTopics()).DevicePlan(deviceId);
        var options = MqttConnectOptionsFactory.Create(
            broker!, "edgepbx-publish-" + Guid.NewGuid().ToString("N"), null, null, false,
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), sessionExpiry: null);
        using var client = new MqttClientFactory().CreateMqttClient();
        try
        {
            await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(envelopeBytes.ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag()
                .Build();
            var result = await client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
            return result.IsSuccess
                ? ToolResults.Ok(topic)
                : ToolResults.Fail<string>($"broker refused the publish: {result.ReasonCode} {result.ReasonString}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The operator sees why (unreachable, refused credentials, TLS) rather than a stack trace.
            return ToolResults.Fail<string>($"cannot publish to {broker}: {e.Message}");
        }
    }

    private static bool IsJson(ReadOnlySpan<byte> bytes)
    {
        try
        {
            // The plan format allows comments and trailing commas (docs/plan-format.md): so does this check.
            var reader = new System.Text.Json.Utf8JsonReader(bytes, new System.Text.Json.JsonReaderOptions
            {
                CommentHandling = System.Text.Json.JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            while (reader.Read())
            {
                // Walking the tokens is the syntax check.
            }

            return bytes.Length > 0;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
