using System.Collections.Immutable;
using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.Voicemail;

public sealed class VoicemailIndex(PbxDatabase database)
{
    /// <summary>Adds a message (after its WAV file is complete) and returns its id.</summary>
    public Task<long> AddAsync(string mailbox, string caller, DateTimeOffset received, TimeSpan duration, string fileName, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO voicemail (mailbox, caller, received_ms, duration_s, file_name) VALUES ($m, $c, $r, $d, $f) RETURNING id";
            command.Parameters.AddWithValue("$m", mailbox);
            command.Parameters.AddWithValue("$c", caller);
            command.Parameters.AddWithValue("$r", SqlTime.ToMs(received));
            command.Parameters.AddWithValue("$d", (long)duration.TotalSeconds);
            command.Parameters.AddWithValue("$f", fileName);
            return (long)command.ExecuteScalar()!;
        }, cancellationToken);

    public Task<bool> MarkHeardAsync(long id, CancellationToken cancellationToken = default) => Execute("UPDATE voicemail SET heard = 1 WHERE id = $id", id, cancellationToken);

    /// <summary>Removes the index entry; the caller deletes the WAV file afterwards (a stray file is harmless, a dangling entry is not).</summary>
    public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) => Execute("DELETE FROM voicemail WHERE id = $id", id, cancellationToken);

    /// <summary>A mailbox's messages, newest first.</summary>
    public ImmutableArray<VoicemailMessage> List(string mailbox)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, mailbox, caller, received_ms, duration_s, file_name, heard FROM voicemail WHERE mailbox = $m ORDER BY received_ms DESC, id DESC";
        command.Parameters.AddWithValue("$m", mailbox);
        using var r = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<VoicemailMessage>();
        while (r.Read())
        {
            result.Add(new VoicemailMessage(r.GetInt64(0), r.GetString(1), r.GetString(2), SqlTime.FromMs(r.GetInt64(3)), TimeSpan.FromSeconds(r.GetInt64(4)), r.GetString(5), r.GetInt64(6) != 0));
        }

        return result.ToImmutable();
    }

    private Task<bool> Execute(string sql, long id, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
}
