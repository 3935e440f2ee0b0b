using System.Collections.Immutable;
using System.Globalization;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.Reports;

/// <summary>
/// Aggregates over [from, to). Whole buckets come from the rollup sums (per hour for totals, about 2,200 rows
/// for three months instead of a million calls; per day for regions and destinations); only the partial
/// buckets at either end read call rows, so the results are exact for any range. Local time is the box's fixed offset, which must be whole hours (China's
/// +08:00 has no daylight saving) so that an hour never straddles a local day.
/// </summary>
public sealed class CallReports(PbxDatabase database)
{
    private const long HourMs = CallRollup.HourMs;
    private const long DayMs = 86_400_000;

    public ReportTotals Summary(DateTimeOffset from, DateTimeOffset to)
    {
        var rows = Query(CallRollup.Total, "0", "0", "k", from, to, TimeSpan.Zero, r => ReadTotals(r));
        return rows.IsEmpty ? new ReportTotals(0, 0, 0, 0, 0, 0) : rows[0];
    }

    /// <summary>Calls, minutes and charges per hour, day or month; periods without calls are left out.</summary>
    public ImmutableArray<PeriodRow> ByPeriod(ReportPeriod period, DateTimeOffset from, DateTimeOffset to, TimeSpan utcOffset)
    {
        if (utcOffset.Ticks % TimeSpan.TicksPerHour != 0)
        {
            throw new ArgumentException("the box's UTC offset must be whole hours", nameof(utcOffset));
        }

        var key = period switch
        {
            ReportPeriod.Hour => $"(@t + $offset) / {HourMs}",
            ReportPeriod.Day => $"(@t + $offset) / {DayMs}",
            ReportPeriod.Month => "strftime('%Y-%m', (@t + $offset) / 1000, 'unixepoch')",
            _ => throw new ArgumentOutOfRangeException(nameof(period)),
        };
        return Query(CallRollup.Total, key.Replace("@t", "hour_ms", StringComparison.Ordinal), key.Replace("@t", "start_ms", StringComparison.Ordinal), "k", from, to, utcOffset, r =>
        {
            var start = period switch
            {
                ReportPeriod.Hour => LocalStart(r.GetInt64(0) * HourMs, utcOffset),
                ReportPeriod.Day => LocalStart(r.GetInt64(0) * DayMs, utcOffset),
                _ => MonthStart(r.GetString(0), utcOffset),
            };
            return new PeriodRow(start, ReadTotals(r));
        });
    }

    /// <summary>Busiest region first; an empty key is calls whose region was unknown.</summary>
    public ImmutableArray<GroupRow> ByCallerRegion(DateTimeOffset from, DateTimeOffset to) =>
        Query(CallRollup.ByRegion, "key", "caller_region", "SUM(calls) DESC, k", from, to, TimeSpan.Zero, r => new GroupRow(r.GetString(0), ReadTotals(r)));

    /// <summary>Busiest destination first.</summary>
    public ImmutableArray<GroupRow> ByDestination(DateTimeOffset from, DateTimeOffset to) =>
        Query(CallRollup.ByDestination, "key", "destination", "SUM(calls) DESC, k", from, to, TimeSpan.Zero, r => new GroupRow(r.GetString(0), ReadTotals(r)));

    private ImmutableArray<T> Query<T>(int kind, string rollupKey, string callKey, string orderBy, DateTimeOffset from, DateTimeOffset to, TimeSpan offset, Func<SqliteDataReader, T> read)
    {
        var fromMs = SqlTime.ToMs(from);
        var toMs = SqlTime.ToMs(to);
        var bucket = CallRollup.BucketMs(kind);
        var fullFrom = fromMs % bucket == 0 ? fromMs : fromMs - (fromMs % bucket) + bucket;
        var fullTo = toMs - (toMs % bucket);
        if (fullFrom >= fullTo)
        {
            // No whole bucket inside: read the calls of the range directly.
            fullFrom = fullTo = 0;
        }

        var calls = $"SELECT {callKey} AS k, 1, outcome = {(int)CallOutcome.Answered}, outcome = {(int)CallOutcome.Missed}, duration_s, billed_s, charge_milli FROM calls";
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT k, SUM(calls), SUM(answered), SUM(missed), SUM(seconds), SUM(billed_s), SUM(charge_milli) FROM (
                SELECT {rollupKey} AS k, calls, answered, missed, seconds, billed_s, charge_milli FROM call_rollup
                    WHERE kind = $kind AND hour_ms >= $full_from AND hour_ms < $full_to
                UNION ALL {calls} WHERE start_ms >= $from AND start_ms < $head_end
                UNION ALL {calls} WHERE start_ms >= $tail_start AND start_ms < $to
            ) GROUP BY k ORDER BY {orderBy}
            """;
        var p = command.Parameters;
        p.AddWithValue("$kind", kind);
        p.AddWithValue("$from", fromMs);
        p.AddWithValue("$to", toMs);
        p.AddWithValue("$full_from", fullFrom);
        p.AddWithValue("$full_to", fullTo);
        p.AddWithValue("$head_end", fullFrom < fullTo ? fullFrom : toMs);
        p.AddWithValue("$tail_start", fullFrom < fullTo ? fullTo : toMs);
        p.AddWithValue("$offset", (long)offset.TotalMilliseconds);
        using var reader = command.ExecuteReader();
        var rows = ImmutableArray.CreateBuilder<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows.ToImmutable();
    }

    private static ReportTotals ReadTotals(SqliteDataReader r) => new(
        r.GetInt64(1),
        r.GetInt64(2),
        r.GetInt64(3),
        r.GetInt64(4),
        r.GetInt64(5),
        ChargeUnits.FromMilli(r.GetInt64(6)));

    private static DateTimeOffset LocalStart(long localMs, TimeSpan offset) =>
        SqlTime.FromMs(localMs - (long)offset.TotalMilliseconds).ToOffset(offset);

    private static DateTimeOffset MonthStart(string yearMonth, TimeSpan offset)
    {
        var month = DateTime.ParseExact(yearMonth, "yyyy-MM", CultureInfo.InvariantCulture);
        return new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, offset);
    }
}
