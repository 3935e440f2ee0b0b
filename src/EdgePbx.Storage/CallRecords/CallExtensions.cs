using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.CallRecords;

/// <summary>
/// Keeps <c>call_extensions</c> (migration 9): one row per extension or number a call involved (who answered,
/// and every leg's target), ordered by the call's start, written in the call's own transaction.
/// </summary>
internal static class CallExtensions
{
    private const string Insert = """
        INSERT OR IGNORE INTO call_extensions (extension, start_ms, call_row) VALUES ($ext, $start, $row)
        """;

    public static void Add(Database.PbxDatabase database, SqliteTransaction transaction, long row, CallRecord record)
    {
        var command = database.Prepared(transaction, Insert);
        var ext = command.Parameters.Add("$ext", SqliteType.Text);
        command.Parameters.AddWithValue("$start", Database.SqlTime.ToMs(record.Start));
        command.Parameters.AddWithValue("$row", row);
        if (record.AnsweredBy.Length > 0)
        {
            ext.Value = record.AnsweredBy;
            command.ExecuteNonQuery();
        }

        foreach (var leg in record.Legs)
        {
            if (leg.Target.Length > 0 && leg.Target != record.AnsweredBy)
            {
                ext.Value = leg.Target;
                command.ExecuteNonQuery();
            }
        }
    }
}
