using System.Text.Encodings.Web;
using System.Text.Json;
using EdgePbx.Storage.CallRecords;

namespace EdgePbx.Storage.Export;

/// <summary>
/// Writes call records as one JSON array with Utf8JsonWriter straight onto the output stream (no reflection,
/// AOT safe). Pending bytes are flushed asynchronously every 16 KiB, so memory stays flat for any row count.
/// </summary>
public sealed class JsonCallWriter : IAsyncDisposable
{
    private const int FlushThreshold = 16 * 1024;
    private readonly Utf8JsonWriter _json;

    public JsonCallWriter(Stream output)
    {
        // Relaxed escaping keeps Chinese names readable (and a third of the size) in the exported file; the
        // output is a download, never inlined into HTML, which is what the default escaping guards against.
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void WriteStart() => _json.WriteStartArray();

    public async Task WriteAsync(CallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var j = _json;
        j.WriteStartObject();
        j.WriteString("callId", record.CallId);
        j.WriteString("caller", record.Caller);
        j.WriteString("callerRegion", record.CallerRegion);
        j.WriteString("called", record.Called);
        j.WriteString("entryNumber", record.EntryNumber);
        j.WriteString("destination", record.Destination);
        j.WriteString("start", record.Start);
        WriteTime(j, "answer", record.Answer);
        j.WriteString("end", record.End);
        j.WriteNumber("durationSeconds", (long)record.Duration.TotalSeconds);
        j.WriteNumber("billedSeconds", (long)record.BilledDuration.TotalSeconds);
        j.WriteNumber("charge", record.Charge);
        j.WriteString("outcome", ExportNames.Outcome(record.Outcome));
        j.WriteString("outcomeReason", record.OutcomeReason);
        j.WriteString("answeredBy", record.AnsweredBy);
        j.WriteString("digits", record.Digits);
        j.WriteString("menuChoices", record.MenuChoices);
        j.WriteBoolean("cedHeard", record.CedHeard);
        j.WriteNumber("huntAttempts", record.HuntAttempts);
        WriteQuality(j, record.Quality);
        j.WriteStartArray("legs");
        foreach (var leg in record.Legs)
        {
            j.WriteStartObject();
            j.WriteString("kind", ExportNames.Leg(leg.Kind));
            j.WriteString("target", leg.Target);
            j.WriteString("start", leg.Start);
            WriteTime(j, "answer", leg.Answer);
            j.WriteString("end", leg.End);
            j.WriteNumber("sipStatus", leg.SipStatus);
            WriteQuality(j, leg.Quality);
            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.WriteEndObject();
        if (j.BytesPending >= FlushThreshold)
        {
            await j.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task WriteEndAsync(CancellationToken cancellationToken)
    {
        _json.WriteEndArray();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // Flush asynchronously first: a synchronous flush inside Dispose is refused by Kestrel response streams.
        await _json.FlushAsync().ConfigureAwait(false);
        await _json.DisposeAsync().ConfigureAwait(false);
    }

    private static void WriteTime(Utf8JsonWriter j, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            j.WriteString(name, v);
        }
        else
        {
            j.WriteNull(name);
        }
    }

    private static void WriteQuality(Utf8JsonWriter j, MediaQuality? quality)
    {
        if (quality is { } q)
        {
            j.WriteNumber("lossPermille", q.LossPermille);
            j.WriteNumber("jitterMs", q.Jitter.TotalMilliseconds);
        }
        else
        {
            j.WriteNull("lossPermille");
            j.WriteNull("jitterMs");
        }
    }
}
