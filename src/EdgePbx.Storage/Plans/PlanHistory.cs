using System.Collections.Immutable;
using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.Plans;

/// <summary>
/// Plan history: exactly one current plan and at most one last-known-good plan. A newly applied plan becomes
/// current at once but last-known-good only when the engine has run it successfully; a bad plan rolls back
/// to last-known-good. Each change writes its audit entry in the same transaction.
/// </summary>
public sealed class PlanHistory(PbxDatabase database, int keep = 50)
{
    private const string Columns = "id, version, plan_json, applied_ms, is_current, last_known_good";

    /// <summary>Stores a plan that was just applied as the current one; returns its id.</summary>
    public Task<long> RecordAppliedAsync(string version, string planJson, string actor, CancellationToken cancellationToken = default)
    {
        var now = database.Time.GetUtcNow();
        return database.WriteAsync((connection, transaction) =>
        {
            Execute(connection, transaction, "UPDATE plan_history SET is_current = 0 WHERE is_current = 1");
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO plan_history (version, plan_json, applied_ms, is_current) VALUES ($v, $j, $at, 1) RETURNING id";
            insert.Parameters.AddWithValue("$v", version);
            insert.Parameters.AddWithValue("$j", planJson);
            insert.Parameters.AddWithValue("$at", SqlTime.ToMs(now));
            var id = (long)insert.ExecuteScalar()!;
            // History is bounded, but the current and last-known-good plans are never pruned.
            Execute(connection, transaction, "DELETE FROM plan_history WHERE is_current = 0 AND last_known_good = 0 AND id NOT IN (SELECT id FROM plan_history ORDER BY id DESC LIMIT $keep)", ("$keep", keep));
            AuditLog.Append(connection, transaction, now, actor, "plan.applied", version);
            return id;
        }, cancellationToken);
    }

    /// <summary>Marks the plan as known to work; the previous last-known-good loses the mark. False if no such plan.</summary>
    public Task<bool> MarkLastKnownGoodAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = database.Time.GetUtcNow();
        return database.WriteAsync((connection, transaction) =>
        {
            if (Execute(connection, transaction, "UPDATE plan_history SET last_known_good = 1 WHERE id = $id", ("$id", id)) == 0)
            {
                return false;
            }

            Execute(connection, transaction, "UPDATE plan_history SET last_known_good = 0 WHERE id <> $id AND last_known_good = 1", ("$id", id));
            AuditLog.Append(connection, transaction, now, "engine", "plan.known-good", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }, cancellationToken);
    }

    /// <summary>Makes the last-known-good plan current again and returns it; null (nothing changed) if there is none.</summary>
    public Task<PlanHistoryEntry?> RollBackAsync(string actor, string reason, CancellationToken cancellationToken = default)
    {
        var now = database.Time.GetUtcNow();
        return database.WriteAsync((connection, transaction) =>
        {
            var good = ReadOne(connection, transaction, "WHERE last_known_good = 1");
            if (good is null)
            {
                return null;
            }

            Execute(connection, transaction, "UPDATE plan_history SET is_current = (id = $id)", ("$id", good.Id));
            AuditLog.Append(connection, transaction, now, actor, "plan.rolled-back", $"{good.Version}: {reason}");
            return good with { IsCurrent = true };
        }, cancellationToken);
    }

    public PlanHistoryEntry? Current() => ReadOne("WHERE is_current = 1");

    public PlanHistoryEntry? LastKnownGood() => ReadOne("WHERE last_known_good = 1");

    /// <summary>The newest entries first.</summary>
    public ImmutableArray<PlanHistoryEntry> Recent(int count)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM plan_history ORDER BY id DESC LIMIT $n";
        command.Parameters.AddWithValue("$n", Math.Clamp(count, 1, 1000));
        using var r = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<PlanHistoryEntry>();
        while (r.Read())
        {
            result.Add(Read(r));
        }

        return result.ToImmutable();
    }

    private PlanHistoryEntry? ReadOne(string where)
    {
        using var connection = database.OpenReader();
        return ReadOne(connection, null, where);
    }

    private static PlanHistoryEntry? ReadOne(SqliteConnection connection, SqliteTransaction? transaction, string where)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM plan_history {where} ORDER BY id DESC LIMIT 1";
        using var r = command.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    private static PlanHistoryEntry Read(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), SqlTime.FromMs(r.GetInt64(3)), r.GetInt64(4) != 0, r.GetInt64(5) != 0);

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
