using System.Globalization;
using System.Text;
using EdgePbx.Storage.CallRecords;

namespace EdgePbx.Storage.Export;

/// <summary>Writes call records as RFC 4180 CSV: a header row, CRLF line ends, one row per call.</summary>
public sealed class CsvCallWriter : IAsyncDisposable
{
    private static readonly string[] Header =
    [
        "call_id", "caller", "caller_region", "called", "entry_number", "destination", "start", "answer", "end",
        "duration_s", "billed_s", "charge", "outcome", "outcome_reason", "answered_by", "digits", "hunt_attempts",
        "loss_permille", "jitter_ms", "legs",
    ];

    private readonly StreamWriter _writer;
    private readonly StringBuilder _row = new(512);

    /// <summary>UTF-8 with a byte order mark: without it, Excel (what installers open a CSV with) shows Chinese as mojibake.</summary>
    public CsvCallWriter(Stream output)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
    }

    public async Task WriteHeaderAsync(CancellationToken cancellationToken)
    {
        _row.Clear();
        for (var i = 0; i < Header.Length; i++)
        {
            AppendField(Header[i], i == 0);
        }

        await EndRowAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(CallRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        _row.Clear();
        AppendField(record.CallId, first: true);
        AppendField(record.Caller);
        AppendField(record.CallerRegion);
        AppendField(record.Called);
        AppendField(record.EntryNumber);
        AppendField(record.Destination);
        AppendField(Time(record.Start));
        AppendField(record.Answer is { } a ? Time(a) : "");
        AppendField(Time(record.End));
        AppendField(Number((long)record.Duration.TotalSeconds));
        AppendField(Number((long)record.BilledDuration.TotalSeconds));
        AppendField(record.Charge.ToString("0.000", CultureInfo.InvariantCulture));
        AppendField(ExportNames.Outcome(record.Outcome));
        AppendField(record.OutcomeReason);
        AppendField(record.AnsweredBy);
        AppendField(record.Digits);
        AppendField(Number(record.HuntAttempts));
        AppendField(record.Quality is { } q ? Number(q.LossPermille) : "");
        AppendField(record.Quality is { } j ? j.Jitter.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) : "");
        AppendField(Legs(record));
        await EndRowAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private void AppendField(string value, bool first = false)
    {
        if (!first)
        {
            _row.Append(',');
        }

        CsvField.Append(_row, value);
    }

    private async Task EndRowAsync(CancellationToken cancellationToken)
    {
        _row.Append("\r\n");
        // The StreamWriter's own 16 KiB buffer batches rows; only that much is ever held in memory.
        await _writer.WriteAsync(_row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Legs in one field, "kind target status" separated by "; " — a flat file has no room for nesting.</summary>
    private static string Legs(CallRecord record)
    {
        var legs = new StringBuilder();
        foreach (var leg in record.Legs)
        {
            if (legs.Length > 0)
            {
                legs.Append("; ");
            }

            legs.Append(ExportNames.Leg(leg.Kind)).Append(' ').Append(leg.Target).Append(' ').Append(leg.SipStatus.ToString(CultureInfo.InvariantCulture));
        }

        return legs.ToString();
    }

    private static string Time(DateTimeOffset value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
