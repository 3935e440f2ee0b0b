using System.Collections.Immutable;
using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.Registrar;

/// <summary>Persists registrar bindings; the in-memory registrar stays the authority, this lets it reload after a restart.</summary>
public sealed class BindingStore(PbxDatabase database)
{
    private const string UpsertSql = """
        INSERT INTO bindings (aor, contact, call_id, cseq, expires_ms, user_agent, source)
        VALUES ($aor, $contact, $call_id, $cseq, $expires, $ua, $source)
        ON CONFLICT (aor, contact) DO UPDATE SET call_id = excluded.call_id, cseq = excluded.cseq,
            expires_ms = excluded.expires_ms, user_agent = excluded.user_agent, source = excluded.source
        """;

    private const string DeleteSql = "DELETE FROM bindings WHERE aor = $aor AND contact = $contact";

    public Task SaveAsync(StoredBinding binding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = UpsertSql;
            Bind(command, binding);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <summary>
    /// Applies many changes in one transaction (one commit, one fsync), in order: the registrar's
    /// write-behind batches a flush interval of refreshes this way instead of one commit per REGISTER.
    /// </summary>
    public Task<int> ApplyAsync(IReadOnlyList<BindingChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return Task.FromResult(0);
        }

        return database.WriteAsync((connection, transaction) =>
        {
            using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = UpsertSql;
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = DeleteSql;
            foreach (var change in changes)
            {
                if (change.Binding is { } binding)
                {
                    upsert.Parameters.Clear();
                    Bind(upsert, binding);
                    upsert.ExecuteNonQuery();
                }
                else
                {
                    delete.Parameters.Clear();
                    delete.Parameters.AddWithValue("$aor", change.Aor);
                    delete.Parameters.AddWithValue("$contact", change.Contact);
                    delete.ExecuteNonQuery();
                }
            }

            return changes.Count;
        }, cancellationToken);
    }

    public Task<bool> RemoveAsync(string aor, string contact, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = DeleteSql;
            command.Parameters.AddWithValue("$aor", aor);
            command.Parameters.AddWithValue("$contact", contact);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);

    /// <summary>Drops bindings that expired by now (TimeProvider) and returns how many.</summary>
    public Task<int> RemoveExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = SqlTime.ToMs(database.Time.GetUtcNow());
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM bindings WHERE expires_ms <= $now";
            command.Parameters.AddWithValue("$now", now);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <summary>Bindings not yet expired, for the registrar to load at start.</summary>
    public ImmutableArray<StoredBinding> LoadActive()
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT aor, contact, call_id, cseq, expires_ms, user_agent, source FROM bindings WHERE expires_ms > $now ORDER BY aor, contact";
        command.Parameters.AddWithValue("$now", SqlTime.ToMs(database.Time.GetUtcNow()));
        using var r = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<StoredBinding>();
        while (r.Read())
        {
            result.Add(new StoredBinding(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), SqlTime.FromMs(r.GetInt64(4)), r.GetString(5), r.GetString(6)));
        }

        return result.ToImmutable();
    }

    private static void Bind(Microsoft.Data.Sqlite.SqliteCommand command, StoredBinding binding)
    {
        command.Parameters.AddWithValue("$aor", binding.Aor);
        command.Parameters.AddWithValue("$contact", binding.Contact);
        command.Parameters.AddWithValue("$call_id", binding.CallId);
        command.Parameters.AddWithValue("$cseq", binding.CSeq);
        command.Parameters.AddWithValue("$expires", SqlTime.ToMs(binding.Expires));
        command.Parameters.AddWithValue("$ua", binding.UserAgent);
        command.Parameters.AddWithValue("$source", binding.Source);
    }
}
