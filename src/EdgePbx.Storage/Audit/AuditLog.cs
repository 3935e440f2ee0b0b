using System.Collections.Immutable;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.Audit;

/// <summary>Append-only log of changes. Stores that change the box write their entry in the same transaction
/// as the change itself, so the log can never claim a change that did not happen, or miss one that did.</summary>
public sealed class AuditLog(PbxDatabase database)
{
    public Task<long> AppendAsync(string actor, string action, string detail, CancellationToken cancellationToken = default)
    {
        var at = database.Time.GetUtcNow();
        return database.WriteAsync((connection, transaction) => Append(connection, transaction, at, actor, action, detail), cancellationToken);
    }

    internal static long Append(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset at, string actor, string action, string detail)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO audit_log (at_ms, actor, action, detail) VALUES ($at, $actor, $action, $detail) RETURNING id";
        command.Parameters.AddWithValue("$at", SqlTime.ToMs(at));
        command.Parameters.AddWithValue("$actor", actor);
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$detail", detail);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The newest entries first.</summary>
    public ImmutableArray<AuditEntry> Recent(int count)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, at_ms, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT $n";
        command.Parameters.AddWithValue("$n", Math.Clamp(count, 1, 1000));
        using var r = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<AuditEntry>();
        while (r.Read())
        {
            result.Add(new AuditEntry(r.GetInt64(0), SqlTime.FromMs(r.GetInt64(1)), r.GetString(2), r.GetString(3), r.GetString(4)));
        }

        return result.ToImmutable();
    }
}
