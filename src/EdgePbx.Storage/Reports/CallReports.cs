using System.Collections.Immutable;
using System.Globalization;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.Reports;

/// <summary>
/// Aggregates over [from, to). Every query reads only columns of the calls_for_reports index (migration 4),
/// so it walks that index's time range instead of the table. Local time (for hours, days, months) is the
/// box's fixed offset passed in: China has no daylight saving, so an offset is exact.
/// </summary>
public sealed class CallReports(PbxDatabase database)
{
    private const long HourMs = 3_600_000;
    private const long DayMs = 86_400_000;

    private static readonly string Sums =
        $"COUNT(*), SUM(outcome = {(int)CallOutcome.Answered}), SUM(outcome = {(int)CallOutcome.Missed}), SUM(duration_s), SUM(billed_s), SUM(charge_milli)";

    public ReportTotals Summary(DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.OpenReader();
        using var command = RangeCommand(connection, $"SELECT 0, {Sums} FROM calls WHERE start_ms >= $from AND start_ms < $to", from, to, TimeSpan.Zero);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadTotals(reader) : default;
    }

    /// <summary>Calls, minutes and charges per hour, day or month; periods without calls are left out.</summary>
    public ImmutableArray<PeriodRow> ByPeriod(ReportPeriod period, DateTimeOffset from, DateTimeOffset to, TimeSpan utcOffset)
    {
        var key = period switch
        {
            ReportPeriod.Hour => $"(start_ms + $offset) / {HourMs}",
            ReportPeriod.Day => $"(start_ms + $offset) / {DayMs}",
            ReportPeriod.Month => "strftime('%Y-%m', (start_ms + $offset) / 1000, 'unixepoch')",
            _ => throw new ArgumentOutOfRangeException(nameof(period)),
        };
        using var connection = database.OpenReader();
        using var command = RangeCommand(connection, $"SELECT {key} AS k, {Sums} FROM calls WHERE start_ms >= $from AND start_ms < $to GROUP BY k ORDER BY k", from, to, utcOffset);
        using var reader = command.ExecuteReader();
        var rows = ImmutableArray.CreateBuilder<PeriodRow>();
        while (reader.Read())
        {
            var start = period switch
            {
                ReportPeriod.Hour => LocalStart(reader.GetInt64(0) * HourMs, utcOffset),
                ReportPeriod.Day => LocalStart(reader.GetInt64(0) * DayMs, utcOffset),
                _ => MonthStart(reader.GetString(0), utcOffset),
            };
            rows.Add(new PeriodRow(start, ReadTotals(reader)));
        }

        return rows.ToImmutable();
    }

    public ImmutableArray<GroupRow> ByCallerRegion(DateTimeOffset from, DateTimeOffset to) => ByColumn("caller_region", from, to);

    public ImmutableArray<GroupRow> ByDestination(DateTimeOffset from, DateTimeOffset to) => ByColumn("destination", from, to);

    private ImmutableArray<GroupRow> ByColumn(string column, DateTimeOffset from, DateTimeOffset to)
    {
        using var connection = database.OpenReader();
        using var command = RangeCommand(connection, $"SELECT {column} AS k, {Sums} FROM calls WHERE start_ms >= $from AND start_ms < $to GROUP BY k ORDER BY COUNT(*) DESC, k", from, to, TimeSpan.Zero);
        using var reader = command.ExecuteReader();
        var rows = ImmutableArray.CreateBuilder<GroupRow>();
        while (reader.Read())
        {
            rows.Add(new GroupRow(reader.GetString(0), ReadTotals(reader)));
        }

        return rows.ToImmutable();
    }

    private static SqliteCommand RangeCommand(SqliteConnection connection, string sql, DateTimeOffset from, DateTimeOffset to, TimeSpan offset)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", SqlTime.ToMs(from));
        command.Parameters.AddWithValue("$to", SqlTime.ToMs(to));
        if (sql.Contains("$offset", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$offset", (long)offset.TotalMilliseconds);
        }

        return command;
    }

    private static ReportTotals ReadTotals(SqliteDataReader r) => new(
        r.GetInt64(1),
        r.IsDBNull(2) ? 0 : r.GetInt64(2),
        r.IsDBNull(3) ? 0 : r.GetInt64(3),
        r.IsDBNull(4) ? 0 : r.GetInt64(4),
        r.IsDBNull(5) ? 0 : r.GetInt64(5),
        r.IsDBNull(6) ? 0 : ChargeUnits.FromMilli(r.GetInt64(6)));

    private static DateTimeOffset LocalStart(long localMs, TimeSpan offset) =>
        SqlTime.FromMs(localMs - (long)offset.TotalMilliseconds).ToOffset(offset);

    private static DateTimeOffset MonthStart(string yearMonth, TimeSpan offset)
    {
        var month = DateTime.ParseExact(yearMonth, "yyyy-MM", CultureInfo.InvariantCulture);
        return new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, offset);
    }
}
