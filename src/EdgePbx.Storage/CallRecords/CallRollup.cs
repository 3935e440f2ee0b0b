using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.CallRecords;

/// <summary>
/// Maintains the report sums (migrations 5 and 6) inside the call records' own transaction: totals per hour (for
/// hourly reports), regions and destinations per UTC day (many keys, so coarser buckets). The records of one
/// transaction are summed here first and each row they touch is upserted once with its sums: a batch of calls
/// mostly shares its hour, region and destination rows, so five records cost about three upserts instead of
/// fifteen. The rows end the same as with one upsert per record (integer sums, added in the same transaction).
/// One instance per writer, used inside the database's write gate only.
/// </summary>
internal sealed class CallRollup
{
    public const long HourMs = 3_600_000;
    public const long DayMs = 86_400_000;
    public const int Total = 0;
    public const int ByRegion = 1;
    public const int ByDestination = 2;

    private const string Upsert = """
        INSERT INTO call_rollup (kind, hour_ms, key, calls, answered, missed, seconds, billed_s, charge_milli)
        VALUES ($kind, $hour, $key, $calls, $answered, $missed, $seconds, $billed, $charge)
        ON CONFLICT (kind, hour_ms, key) DO UPDATE SET
            calls = calls + excluded.calls, answered = answered + excluded.answered, missed = missed + excluded.missed,
            seconds = seconds + excluded.seconds, billed_s = billed_s + excluded.billed_s, charge_milli = charge_milli + excluded.charge_milli
        """;

    private readonly Dictionary<(int Kind, long Bucket, string Key), Sums> _rows = [];

    public static long HourOf(long ms) => ms - (ms % HourMs);

    public static long DayOf(long ms) => ms - (ms % DayMs);

    /// <summary>Length of the time bucket of a rollup kind.</summary>
    public static long BucketMs(int kind) => kind == Total ? HourMs : DayMs;

    /// <summary>Forgets the sums of a transaction that did not get as far as <see cref="Write"/> (it rolled back).</summary>
    public void Begin() => _rows.Clear();

    /// <summary>Counts a stored record into the rows of its hour, region and destination.</summary>
    public void Add(CallRecord record)
    {
        var startMs = SqlTime.ToMs(record.Start);
        var sums = new Sums(
            1,
            record.Outcome == CallOutcome.Answered ? 1 : 0,
            record.Outcome == CallOutcome.Missed ? 1 : 0,
            (long)record.Duration.TotalSeconds,
            (long)record.BilledDuration.TotalSeconds,
            ChargeUnits.ToMilli(record.Charge));
        Add(Total, startMs, "", sums);
        Add(ByRegion, startMs, record.CallerRegion, sums);
        Add(ByDestination, startMs, record.Destination, sums);
    }

    /// <summary>Upserts each row the transaction's records touched, once, and starts over.</summary>
    public void Write(PbxDatabase database)
    {
        var upsert = database.Statement(Upsert);
        foreach (var ((kind, bucket, key), sums) in _rows)
        {
            upsert.Bind("$kind", kind);
            upsert.Bind("$hour", bucket);
            upsert.Bind("$key", key);
            upsert.Bind("$calls", sums.Calls);
            upsert.Bind("$answered", sums.Answered);
            upsert.Bind("$missed", sums.Missed);
            upsert.Bind("$seconds", sums.Seconds);
            upsert.Bind("$billed", sums.Billed);
            upsert.Bind("$charge", sums.ChargeMilli);
            upsert.Execute();
        }

        _rows.Clear();
    }

    private void Add(int kind, long startMs, string key, Sums sums)
    {
        var row = (kind, startMs - (startMs % BucketMs(kind)), key);
        ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_rows, row, out _);
        sum = sum.Plus(sums);
    }

    private readonly record struct Sums(long Calls, long Answered, long Missed, long Seconds, long Billed, long ChargeMilli)
    {
        public Sums Plus(Sums other) => new(
            Calls + other.Calls, Answered + other.Answered, Missed + other.Missed,
            Seconds + other.Seconds, Billed + other.Billed, ChargeMilli + other.ChargeMilli);
    }
}
