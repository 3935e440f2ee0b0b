using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Database;

namespace EdgePbx.Daemon.Reset;

/// <summary>
/// What a factory reset removes: everything the box learned in its data folder (plan history, phone and
/// installer accounts, registrations, voicemail, audit log, night switch, cloud replay guard, prompts),
/// in one database transaction plus the files beside it. The call records (<see cref="CallRecordTables"/>) stay
/// unless the reset says otherwise. The settings file (/etc/edgepbx, read-only to the
/// daemon under the unit's ProtectSystem=strict) belongs to the image and is not touched.
/// </summary>
public static class FactoryWipe
{
    /// <summary>
    /// Tables that hold call records, kept when <c>keepCallRecords</c>: the calls, their legs, the extensions each call
    /// involved (search by extension reads them, migration 9) and the report roll-up.
    /// </summary>
    public static IReadOnlySet<string> CallRecordTables { get; } = new HashSet<string>(StringComparer.Ordinal) { "calls", "call_legs", "call_extensions", "call_rollup" };

    public static async Task<FactoryWipeResult> RunAsync(PbxDatabase database, string dataDirectory, bool keepCallRecords, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var wiped = await database.WriteAsync((connection, transaction) =>
        {
            // Newest table first, so a child table (call_legs) empties before the table it references.
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.Transaction = transaction;
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid DESC";
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var done = new List<string>();
            foreach (var table in tables)
            {
                if (keepCallRecords && CallRecordTables.Contains(table))
                {
                    continue;
                }

                using var delete = connection.CreateCommand();
                delete.Transaction = transaction;
                // The name comes from sqlite_master, not from outside; quoted as an identifier all the same.
                delete.CommandText = $"DELETE FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                delete.ExecuteNonQuery();
                done.Add(table);
            }

            return done;
        }, cancellationToken).ConfigureAwait(false);

        // The fresh audit log starts with the reset itself.
        await new AuditLog(database).AppendAsync("front panel", "box.factory-reset", keepCallRecords ? "call records kept" : "call records wiped", cancellationToken).ConfigureAwait(false);

        var removed = new List<string>();
        var databaseFile = Path.GetFileName(PbxDatabase.PathIn(dataDirectory));
        foreach (var entry in new DirectoryInfo(dataDirectory).EnumerateFileSystemInfos())
        {
            // The open database and its WAL/SHM companions stay; their wiped rows are the reset.
            if (entry.Name.StartsWith(databaseFile, StringComparison.Ordinal))
            {
                continue;
            }

            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }

            removed.Add(entry.Name);
        }

        return new FactoryWipeResult(wiped, removed, keepCallRecords);
    }
}
