using System.Collections.Immutable;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.CallRecords;

/// <summary>
/// Reads the calls that started in [from, to) oldest first, one at a time, with their legs. Two cursors walk
/// calls and legs in the same order (a merge join), so memory holds one call however long the range is.
/// </summary>
public static class CallRangeReader
{
    public static IEnumerable<StoredCall> Read(SqliteConnection connection, SqliteTransaction? transaction, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var calls = connection.CreateCommand();
        calls.Transaction = transaction;
        calls.CommandText = $"""
            SELECT {CallRecordRows.CallColumns} FROM calls c
            WHERE c.start_ms >= $from AND c.start_ms < $to ORDER BY c.start_ms, c.id
            """;
        calls.Parameters.AddWithValue("$from", SqlTime.ToMs(from));
        calls.Parameters.AddWithValue("$to", SqlTime.ToMs(to));
        using var legs = connection.CreateCommand();
        legs.Transaction = transaction;
        legs.CommandText = $"""
            SELECT {CallRecordRows.LegColumns} FROM calls c JOIN call_legs l ON l.call_row = c.id
            WHERE c.start_ms >= $from AND c.start_ms < $to ORDER BY c.start_ms, c.id, l.seq
            """;
        legs.Parameters.AddWithValue("$from", SqlTime.ToMs(from));
        legs.Parameters.AddWithValue("$to", SqlTime.ToMs(to));

        using var callReader = calls.ExecuteReader();
        using var legReader = legs.ExecuteReader();
        var legPending = legReader.Read();
        var buffer = ImmutableArray.CreateBuilder<CallLeg>();
        while (callReader.Read())
        {
            var row = callReader.GetInt64(0);
            buffer.Clear();
            while (legPending && CallRecordRows.LegCallRow(legReader) == row)
            {
                buffer.Add(CallRecordRows.ReadLeg(legReader));
                legPending = legReader.Read();
            }

            yield return CallRecordRows.ReadCall(callReader, buffer.ToImmutable());
        }
    }
}
