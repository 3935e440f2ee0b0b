using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EdgePbx.Storage.Database;

/// <summary>
/// One statement of the writer connection compiled once and run many times straight through SQLite's own
/// bind/step/reset (SQLitePCLRaw). Microsoft.Data.Sqlite's command costs a parameter object per value, a
/// re-bind of every parameter and a data reader per execution: a call record is six or seven statements,
/// and that was about 10 KB of garbage per call. Here a value is bound in place and nothing is allocated.
/// Every parameter must be bound before each <see cref="Execute"/> (checked), so nothing of one record's
/// values can stay behind for the next. Owned by <see cref="PbxDatabase"/>; used inside its write gate only.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 _connection;
    private readonly sqlite3_stmt _statement;

    // Parameter names by SQLite's index (1-based; slot 0 unused). Named parameters are numbered in order of
    // first appearance, so binding in the SQL's order finds each name at the hint on the first compare.
    private readonly string[] _names;
    private readonly ulong _allBound;
    private ulong _bound;
    private int _hint = 1;
    private byte[] _utf8 = new byte[256];

    private PreparedStatement(sqlite3 connection, sqlite3_stmt statement)
    {
        _connection = connection;
        _statement = statement;
        var count = raw.sqlite3_bind_parameter_count(statement);
        if (count > 64)
        {
            throw new ArgumentException($"{count} parameters: at most 64 are tracked", nameof(statement));
        }

        _names = new string[count + 1];
        for (var i = 1; i <= count; i++)
        {
            _names[i] = raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string();
        }

        _allBound = count == 64 ? ulong.MaxValue : (1UL << count) - 1;
    }

    public static PreparedStatement Prepare(sqlite3 connection, string sql)
    {
        // PERSISTENT: the statement lives as long as the database; SQLite keeps it out of its short-lived lookaside memory.
        var rc = raw.sqlite3_prepare_v3(connection, sql, raw.SQLITE_PREPARE_PERSISTENT, out var statement, out var tail);
        SqliteException.ThrowExceptionForRC(rc, connection);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            throw new ArgumentException("one statement only: text follows it", nameof(sql));
        }

        return new PreparedStatement(connection, statement);
    }

    public void Bind(string name, long value) => Check(raw.sqlite3_bind_int64(_statement, Index(name), value));

    public void Bind(string name, long? value)
    {
        if (value is { } v)
        {
            Bind(name, v);
        }
        else
        {
            Check(raw.sqlite3_bind_null(_statement, Index(name)));
        }
    }

    public void Bind(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var index = Index(name);
        if (value.Length == 0)
        {
            // An empty span pins to a null pointer, which SQLite binds as NULL; "" must stay a text value.
            Check(raw.sqlite3_bind_text(_statement, index, utf8z.FromSpan("\0"u8)));
            return;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }

        // SQLITE_TRANSIENT (SQLitePCLRaw's span binding): SQLite copies the bytes, so the buffer is free for the next value.
        var length = Encoding.UTF8.GetBytes(value, _utf8);
        Check(raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length)));
    }

    /// <summary>
    /// Runs an INSERT to its end: the new row's rowid, or null if it inserted nothing (ON CONFLICT DO NOTHING). Cheaper
    /// than RETURNING, which makes SQLite open, fill and close a temporary table for the rows it returns.
    /// </summary>
    public long? ExecuteInsert()
    {
        Execute();
        return raw.sqlite3_changes(_connection) == 0 ? null : raw.sqlite3_last_insert_rowid(_connection);
    }

    /// <summary>Runs the statement to its end (rows it gives, if any, are stepped over).</summary>
    public void Execute()
    {
        if (_bound != _allBound)
        {
            var missing = Enumerable.Range(1, _names.Length - 1).First(i => (_bound & (1UL << (i - 1))) == 0);
            _bound = 0;
            _hint = 1;
            throw new InvalidOperationException($"{_names[missing]} not bound");
        }

        try
        {
            int rc;
            do
            {
                rc = raw.sqlite3_step(_statement);
            }
            while (rc == raw.SQLITE_ROW);

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _connection);
            }
        }
        finally
        {
            // Reset returns the step's error again; it was thrown above. Bindings stay, but each run binds them all anew.
            raw.sqlite3_reset(_statement);
            _bound = 0;
            _hint = 1;
        }
    }

    private int Index(string name)
    {
        var index = _hint < _names.Length && string.Equals(_names[_hint], name, StringComparison.Ordinal)
            ? _hint
            : Array.IndexOf(_names, name, 1);
        if (index < 1)
        {
            throw new ArgumentException($"{name}: no such parameter", nameof(name));
        }

        _bound |= 1UL << (index - 1);
        _hint = index + 1;
        return index;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            _bound = 0;
            _hint = 1;
            SqliteException.ThrowExceptionForRC(rc, _connection);
        }
    }

    public void Dispose() => _statement.Dispose();
}
