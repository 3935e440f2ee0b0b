using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.CallRecords;

/// <summary>Maintains the report sums (migrations 5 and 6) inside the call record's own transaction: totals per
/// hour (for hourly reports), regions and destinations per UTC day (many keys, so coarser buckets).</summary>
internal static class CallRollup
{
    public const long HourMs = 3_600_000;
    public const long DayMs = 86_400_000;
    public const int Total = 0;
    public const int ByRegion = 1;
    public const int ByDestination = 2;

    private const string Upsert = """
        INSERT INTO call_rollup (kind, hour_ms, key, calls, answered, missed, seconds, billed_s, charge_milli)
        VALUES ($kind, $hour, $key, 1, $answered, $missed, $seconds, $billed, $charge)
        ON CONFLICT (kind, hour_ms, key) DO UPDATE SET
            calls = calls + 1, answered = answered + excluded.answered, missed = missed + excluded.missed,
            seconds = seconds + excluded.seconds, billed_s = billed_s + excluded.billed_s, charge_milli = charge_milli + excluded.charge_milli
        """;

    public static long HourOf(long ms) => ms - (ms % HourMs);

    public static long DayOf(long ms) => ms - (ms % DayMs);

    /// <summary>Length of the time bucket of a rollup kind.</summary>
    public static long BucketMs(int kind) => kind == Total ? HourMs : DayMs;

    public static void Add(PbxDatabase database, SqliteTransaction transaction, CallRecord record)
    {
        var command = database.Prepared(transaction, Upsert);
        var p = command.Parameters;
        var kind = p.Add("$kind", SqliteType.Integer);
        var key = p.Add("$key", SqliteType.Text);
        var bucket = p.Add("$hour", SqliteType.Integer);
        var startMs = SqlTime.ToMs(record.Start);
        p.AddWithValue("$answered", record.Outcome == CallOutcome.Answered ? 1 : 0);
        p.AddWithValue("$missed", record.Outcome == CallOutcome.Missed ? 1 : 0);
        p.AddWithValue("$seconds", (long)record.Duration.TotalSeconds);
        p.AddWithValue("$billed", (long)record.BilledDuration.TotalSeconds);
        p.AddWithValue("$charge", ChargeUnits.ToMilli(record.Charge));
        foreach (var (k, value) in (ReadOnlySpan<(int, string)>)[(Total, ""), (ByRegion, record.CallerRegion), (ByDestination, record.Destination)])
        {
            kind.Value = k;
            bucket.Value = startMs - (startMs % BucketMs(k));
            key.Value = value;
            command.ExecuteNonQuery();
        }
    }
}
