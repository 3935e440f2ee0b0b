using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Storage.Backup;

/// <summary>
/// Whole-box backup and restore with SQLite's online backup API. Backup copies from a read snapshot (WAL), so
/// calls keep being recorded while it runs; the copy is one self-contained file (rollback journal mode, no
/// -wal beside it), written under a temporary name and renamed so a cut-short backup never looks complete.
/// </summary>
public static class BoxBackup
{
    /// <summary>For <c>edgepbx backup FILE</c>; safe while the daemon runs.</summary>
    public static Task<BackupResult> BackupAsync(string dataDir, string file, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var path = PbxDatabase.PathIn(dataDir);
        if (!File.Exists(path))
        {
            return Task.FromResult(BackupResult.Refused($"no database at {path}"));
        }

        using var source = Open(path, SqliteOpenMode.ReadOnly);
        return Task.FromResult(Copy(source, file, logger ?? NullLogger.Instance, cancellationToken));
    }

    /// <summary>For the web page: backs up the daemon's open database.</summary>
    public static Task<BackupResult> BackupAsync(PbxDatabase database, string file, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var source = database.OpenReader();
        return Task.FromResult(Copy(source, file, logger ?? NullLogger.Instance, cancellationToken));
    }

    /// <summary>
    /// For <c>edgepbx restore FILE</c>: checks the file is a sound EdgePbx database no newer than this build, then
    /// replaces the box's database with it page by page (under SQLite's locks, so an open connection sees either
    /// the old or the new database) and brings it up to the current schema. Best run with the daemon stopped:
    /// a running daemon keeps state it loaded from the old database (registrations, plan) until restarted.
    /// </summary>
    public static Task<BackupResult> RestoreAsync(string dataDir, string file, TimeProvider time, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var log = logger ?? NullLogger.Instance;
        cancellationToken.ThrowIfCancellationRequested();
        var refusal = Check(file, out var sourceVersion);
        if (refusal is not null)
        {
            StorageLog.RestoreRefused(log, file, refusal);
            return Task.FromResult(BackupResult.Refused(refusal));
        }

        Directory.CreateDirectory(dataDir);
        var path = PbxDatabase.PathIn(dataDir);
        using (var source = Open(file, SqliteOpenMode.ReadOnly))
        using (var target = new SqliteConnection(PbxDatabase.WriterConnectionString(path)))
        {
            target.Open();
            source.BackupDatabase(target);
            using (var command = target.CreateCommand())
            {
                // The copied header says rollback journal (the backup file's mode); the live database runs in WAL.
                command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
                command.ExecuteNonQuery();
            }

            Migrator.Apply(target, Migrations.Latest);
            using var transaction = target.BeginTransaction();
            AuditLog.Append(target, transaction, time.GetUtcNow(), "cli", "box.restored", $"{Path.GetFileName(file)} (schema {sourceVersion})");
            transaction.Commit();
        }

        StorageLog.Restored(log, file);
        return Task.FromResult(new BackupResult(new FileInfo(path).Length, Migrations.Latest, null));
    }

    private static BackupResult Copy(SqliteConnection source, string file, ILogger logger, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(directory);
        var temporary = file + ".partial";
        File.Delete(temporary);
        int version;
        using (var target = Open(temporary, SqliteOpenMode.ReadWriteCreate))
        {
            // One step copies every page inside one read transaction on the source: a consistent snapshot,
            // while WAL lets the engine keep committing records that simply are not in this copy.
            source.BackupDatabase(target);
            using var command = target.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE";
            command.ExecuteNonQuery();
            version = Migrator.CurrentVersion(target);
        }

        File.Move(temporary, file, overwrite: true);
        StorageLog.BackupWritten(logger, file);
        return new BackupResult(new FileInfo(file).Length, version, null);
    }

    /// <summary>Null if <paramref name="file"/> is an intact EdgePbx database this build can open, else why not.</summary>
    internal static string? Check(string file, out int version)
    {
        version = 0;
        if (!File.Exists(file))
        {
            return $"no such file {file}";
        }

        try
        {
            using var source = Open(file, SqliteOpenMode.ReadOnly);
            version = Migrator.CurrentVersion(source);
            if (version < 1 || version > Migrations.Latest)
            {
                return version < 1 ? "not an EdgePbx database (no schema version)" : $"made by a newer firmware (schema {version} > {Migrations.Latest})";
            }

            using var command = source.CreateCommand();
            command.CommandText = "PRAGMA quick_check";
            var check = command.ExecuteScalar() as string;
            return check == "ok" ? null : $"damaged: {check}";
        }
        catch (SqliteException e)
        {
            return $"not a readable database: {e.Message}";
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // No pooling: a pooled connection would keep the backup file open after we rename or hand it over.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
