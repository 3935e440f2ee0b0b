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

    public static void Add(Database.PbxDatabase database, long row, CallRecord record)
    {
        var insert = database.Statement(Insert);
        var start = Database.SqlTime.ToMs(record.Start);
        if (record.AnsweredBy.Length > 0)
        {
            Run(insert, record.AnsweredBy, start, row);
        }

        foreach (var leg in record.Legs)
        {
            if (leg.Target.Length > 0 && leg.Target != record.AnsweredBy)
            {
                Run(insert, leg.Target, start, row);
            }
        }
    }

    private static void Run(Database.PreparedStatement insert, string extension, long start, long row)
    {
        insert.Bind("$ext", extension);
        insert.Bind("$start", start);
        insert.Bind("$row", row);
        insert.Execute();
    }
}
