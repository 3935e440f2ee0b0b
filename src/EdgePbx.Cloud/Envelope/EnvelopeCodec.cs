using System.Text.Json;
using EdgePbx.Cloud.Apply;

namespace EdgePbx.Cloud.Envelope;

/// <summary>Reads and writes envelopes. Reading never throws: anything off the network may be garbage.</summary>
public static class EnvelopeCodec
{
    /// <summary>Plans are a few kilobytes; a megabyte bounds memory for whatever a broker hands us.</summary>
    public const int MaxEnvelopeBytes = 1024 * 1024;

    public static byte[] Encode(PlanEnvelope envelope) =>
        JsonSerializer.SerializeToUtf8Bytes(envelope, CloudJsonContext.Default.PlanEnvelope);

    public static byte[] EncodeHeader(PlanHeader header) =>
        JsonSerializer.SerializeToUtf8Bytes(header, CloudJsonContext.Default.PlanHeader);

    public static EnvelopeDecodeResult Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxEnvelopeBytes)
        {
            return EnvelopeDecodeResult.Fail(RejectionCode.TooLarge, $"envelope is {bytes.Length} bytes, limit {MaxEnvelopeBytes}");
        }

        if (!IsJson(bytes, out var syntaxError))
        {
            return EnvelopeDecodeResult.Fail(RejectionCode.NotJson, syntaxError);
        }

        var envelope = TryDeserialize(bytes, CloudJsonContext.Default.PlanEnvelope, out var shapeError);
        if (envelope is null)
        {
            return EnvelopeDecodeResult.Fail(RejectionCode.MalformedEnvelope, $"envelope: {shapeError}");
        }

        if (!TryBase64(envelope.Header, out var headerBytes)
            || !TryBase64(envelope.Plan, out var planBytes)
            || !TryBase64(envelope.Signature, out var signature))
        {
            return EnvelopeDecodeResult.Fail(RejectionCode.MalformedEnvelope, "header, plan and signature must be base64");
        }

        var header = TryDeserialize(headerBytes, CloudJsonContext.Default.PlanHeader, out var headerError);
        if (header is null)
        {
            return EnvelopeDecodeResult.Fail(RejectionCode.MalformedEnvelope, $"header: {headerError}");
        }

        var headerProblem = CheckHeader(header);
        if (headerProblem is not null)
        {
            return EnvelopeDecodeResult.Fail(RejectionCode.MalformedEnvelope, headerProblem);
        }

        return EnvelopeDecodeResult.Ok(new DecodedEnvelope(envelope, header, planBytes, signature));
    }

    private static string? CheckHeader(PlanHeader header)
    {
        if (header.Format != PlanHeader.CurrentFormat)
        {
            return $"header: format '{header.Format}' is not '{PlanHeader.CurrentFormat}'";
        }

        if (header.Version <= 0)
        {
            return $"header: version {header.Version} must be positive";
        }

        if (!header.Target.IsWellFormed)
        {
            return $"header: target '{header.Target}' must be device or group with an id";
        }

        return string.IsNullOrWhiteSpace(header.KeyId) ? "header: keyId is empty" : null;
    }

    private static bool IsJson(ReadOnlySpan<byte> bytes, out string error)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            while (reader.Read())
            {
                // Walking the tokens is the syntax check.
            }

            error = "";
            return bytes.Length > 0;
        }
        catch (JsonException e)
        {
            // The reader has no Try API; its exception is how it reports bad syntax.
            error = $"not JSON: {e.Message}";
            return false;
        }
    }

    private static T? TryDeserialize<T>(ReadOnlySpan<byte> bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, out string error)
        where T : class
    {
        try
        {
            error = "";
            var value = JsonSerializer.Deserialize(bytes, info);
            if (value is null)
            {
                error = "is null";
            }

            return value;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
