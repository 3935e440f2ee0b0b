using System.Collections.Immutable;
using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.Voicemail;

/// <summary>
/// Read side of the voicemail index for the installer's page: one message by id, and the newest messages of
/// every mailbox (the index itself lists one mailbox at a time).
/// </summary>
public sealed class VoicemailLookup(PbxDatabase database)
{
    private const string Columns = "id, mailbox, caller, received_ms, duration_s, file_name, heard";

    public VoicemailMessage? Find(long id)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM voicemail WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var r = command.ExecuteReader();
        return r.Read() ? Row(r) : null;
    }

    /// <summary>The newest <paramref name="count"/> messages, of <paramref name="mailbox"/> or of all mailboxes; newest first.</summary>
    public ImmutableArray<VoicemailMessage> Recent(int count, string? mailbox = null)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = mailbox is null
            ? $"SELECT {Columns} FROM voicemail ORDER BY received_ms DESC, id DESC LIMIT $n"
            : $"SELECT {Columns} FROM voicemail WHERE mailbox = $m ORDER BY received_ms DESC, id DESC LIMIT $n";
        command.Parameters.AddWithValue("$n", Math.Max(0, count));
        if (mailbox is not null)
        {
            command.Parameters.AddWithValue("$m", mailbox);
        }

        using var r = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<VoicemailMessage>();
        while (r.Read())
        {
            result.Add(Row(r));
        }

        return result.ToImmutable();
    }

    private static VoicemailMessage Row(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), SqlTime.FromMs(r.GetInt64(3)), TimeSpan.FromSeconds(r.GetInt64(4)), r.GetString(5), r.GetInt64(6) != 0);
}
