using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.Export;

/// <summary>
/// Streams the calls started in [from, to) to <paramref name="output"/>: one call is in memory at a time,
/// read on a snapshot connection that never holds up the engine's writes.
/// </summary>
public static class CdrExport
{
    /// <summary>For <c>edgepbx cdr export</c>: reads the database file in <paramref name="dataDir"/> read-only (the daemon may be running).</summary>
    public static async Task<ExportResult> RunAsync(string dataDir, DateTimeOffset from, DateTimeOffset to, ExportFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        var path = PbxDatabase.PathIn(dataDir);
        if (!File.Exists(path))
        {
            return new ExportResult(0, $"no database at {path}");
        }

        if (to < from)
        {
            return new ExportResult(0, "--to is before --from");
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await WriteAsync(connection, from, to, format, output, cancellationToken).ConfigureAwait(false);
        return new ExportResult(rows, null);
    }

    /// <summary>For the web page's download: uses the daemon's open database.</summary>
    public static async Task<int> ExportAsync(PbxDatabase database, DateTimeOffset from, DateTimeOffset to, ExportFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = database.OpenReader();
        return await WriteAsync(connection, from, to, format, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> WriteAsync(SqliteConnection connection, DateTimeOffset from, DateTimeOffset to, ExportFormat format, Stream output, CancellationToken cancellationToken)
    {
        // One read transaction: the calls and legs cursors see the same snapshot even while calls are written.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var rows = 0;
        if (format == ExportFormat.Csv)
        {
            await using var csv = new CsvCallWriter(output);
            await csv.WriteHeaderAsync(cancellationToken).ConfigureAwait(false);
            foreach (var call in CallRangeReader.Read(connection, transaction, from, to))
            {
                await csv.WriteAsync(call.Record, cancellationToken).ConfigureAwait(false);
                rows++;
            }
        }
        else
        {
            await using var json = new JsonCallWriter(output);
            json.WriteStart();
            foreach (var call in CallRangeReader.Read(connection, transaction, from, to))
            {
                await json.WriteAsync(call.Record, cancellationToken).ConfigureAwait(false);
                rows++;
            }

            await json.WriteEndAsync(cancellationToken).ConfigureAwait(false);
        }

        return rows;
    }
}
