using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgePbx.Storage.Database;

/// <summary>
/// The box's one SQLite file. One writer connection (serialised here, so engine writes never meet
/// SQLITE_BUSY from each other) and any number of short-lived reader connections; in WAL mode a reader
/// sees a snapshot and never blocks the writer, so a slow report cannot delay a call record.
/// </summary>
public sealed class PbxDatabase : IDisposable
{
    public const string FileName = "edgepbx.db";

    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly string _readerConnectionString;

    // Statements of the writer kept compiled across writes (used only inside the write gate).
    private readonly Dictionary<string, PreparedStatement> _statements = new(StringComparer.Ordinal);
    private bool _disposed;

    private PbxDatabase(string filePath, SqliteConnection writer, TimeProvider time)
    {
        FilePath = filePath;
        _writer = writer;
        Time = time;
        _readerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
    }

    public string FilePath { get; }

    public TimeProvider Time { get; }

    public static string PathIn(string dataDir) => Path.Combine(dataDir, FileName);

    /// <summary>Opens (creating if needed) the database in <paramref name="dataDir"/> and applies every pending migration.</summary>
    public static PbxDatabase Open(string dataDir, TimeProvider time, ILogger? logger = null) =>
        Open(dataDir, time, Migrations.Latest, logger);

    /// <summary>Opens at a given schema step; tests use it to build the databases that older firmware made.</summary>
    public static PbxDatabase Open(string dataDir, TimeProvider time, int schemaVersion, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(dataDir);
        var path = PathIn(dataDir);
        var writer = new SqliteConnection(WriterConnectionString(path));
        try
        {
            writer.Open();
            ApplyWriterSettings(writer);
            var applied = Migrator.Apply(writer, schemaVersion);
            var version = Migrator.CurrentVersion(writer);
            StorageLog.Opened(logger ?? NullLogger.Instance, path, version, applied.Count);
            return new PbxDatabase(path, writer, time);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    internal static string WriterConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        // The writer lives as long as the daemon; pooling would only keep the file open after Dispose.
        Pooling = false,
    }.ToString();

    private static void ApplyWriterSettings(SqliteConnection writer)
    {
        using var command = writer.CreateCommand();
        // WAL: readers work on a snapshot while the writer appends, so reports never block call records.
        // synchronous=FULL: in WAL mode NORMAL skips the fsync at commit, so the last transactions can vanish
        // on power loss (the file stays consistent, but a finished call's record would be gone). FULL fsyncs
        // the WAL on every commit: once WriteAsync (or Write) returns, the record is on the flash. The cost is one
        // fsync per commit; the call record writer lets the records of calls ending together share one.
        // foreign_keys: legs are removed with their call by ON DELETE CASCADE (retention relies on it).
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction; commits if it returns, rolls back if it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Synchronous inside the gate on purpose: SQLite calls are blocking anyway, and no await happens
            // while the gate is held.
            return InTransaction(work);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// <see cref="WriteAsync{T}"/> for a thread of its own that may block (the call record writer): the same gate,
    /// so it is serialised with every other writer, without a task or a thread-pool continuation per write.
    /// </summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writeGate.Wait();
        try
        {
            return InTransaction(work);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private T InTransaction<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock is taken here, with its busy retries, so
        // the statements inside never wait for it.
        using var transaction = _writer.BeginTransaction();
        var result = work(_writer, transaction);
        transaction.Commit();
        return result;
    }

    /// <summary>
    /// For the work of <see cref="WriteAsync{T}"/> and <see cref="Write{T}"/> only: a statement on the writer for
    /// <paramref name="sql"/> compiled once and kept (a call record runs the same statements every time; compiling
    /// them anew was a quarter of its cost, ADO.NET's per-execution objects most of the rest). It runs in the open
    /// write transaction; the database owns it: do not dispose it.
    /// </summary>
    internal PreparedStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = PreparedStatement.Prepare(_writer.Handle!, sql);
            _statements.Add(sql, statement);
        }

        return statement;
    }

    /// <summary>A fresh read-only connection; the caller disposes it. Long reads here never hold up <see cref="WriteAsync{T}"/>.</summary>
    public SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_readerConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>For /readyz: the file answers a query and carries the schema this build expects.</summary>
    public DatabaseHealth CheckHealth()
    {
        if (_disposed)
        {
            return new DatabaseHealth(false, "database closed");
        }

        try
        {
            using var reader = OpenReader();
            var version = Migrator.CurrentVersion(reader);
            return version == Migrations.Latest
                ? new DatabaseHealth(true, $"schema {version}")
                : new DatabaseHealth(false, $"schema {version}, expected {Migrations.Latest}");
        }
        catch (SqliteException e)
        {
            return new DatabaseHealth(false, e.Message);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        using (var pooled = new SqliteConnection(_readerConnectionString))
        {
            // Pooled readers would keep the file (and its -wal) open after the box closes the database. They go
            // first: SQLite checkpoints the WAL into the file and deletes it when the last connection closes, and
            // a read-only connection cannot, so the writer must be the last (a stopped box is then one file).
            SqliteConnection.ClearPool(pooled);
        }

        _writer.Dispose();

        _writeGate.Dispose();
    }
}
