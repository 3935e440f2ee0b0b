using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.Phones;

/// <summary>
/// Each extension's SIP password and voicemail PIN: the secrets the cloud's plan does not carry. The
/// registrar asks for a password on every REGISTER and INVITE challenge, so lookups are answered from an
/// in-memory copy (no SQLite round trip); every change goes through this store, writes its audit entry
/// (never the secret) in the same transaction, and only then updates the copy.
/// </summary>
public sealed class PhoneAccountStore : IDisposable
{
    private readonly PbxDatabase _database;
    // Serialises write + copy update, so two changes to one extension land in the copy in commit order.
    private readonly SemaphoreSlim _changeGate = new(1, 1);
    private ImmutableDictionary<string, Entry> _entries;

    private sealed record Entry(string? SipPassword, string? VoicemailPin, DateTimeOffset Updated);

    public PhoneAccountStore(PbxDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _entries = Load();
    }

    /// <summary>
    /// Sets the given secrets of <paramref name="extension"/>, creating its account if needed; a null secret
    /// stays as it was. <paramref name="actor"/> is who made the change (installer name, "cli").
    /// </summary>
    public async Task<PhoneResult> SetAsync(string extension, string? sipPassword, string? voicemailPin, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (PhoneSecretRules.ExtensionProblem(extension) is { } e)
        {
            return PhoneResult.Refused("extension", e);
        }

        if (sipPassword is not null && PhoneSecretRules.SipPasswordProblem(sipPassword) is { } p)
        {
            return PhoneResult.Refused("sipPassword", p);
        }

        if (voicemailPin is not null && PhoneSecretRules.PinProblem(voicemailPin) is { } pin)
        {
            return PhoneResult.Refused("voicemailPin", pin);
        }

        if (sipPassword is null && voicemailPin is null)
        {
            return PhoneResult.Ok;
        }

        var now = _database.Time.GetUtcNow();
        await _changeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _database.WriteAsync((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO phone_accounts (extension, sip_password, voicemail_pin, updated_ms) VALUES ($e, $p, $pin, $t)
                    ON CONFLICT (extension) DO UPDATE SET
                        sip_password = COALESCE(excluded.sip_password, sip_password),
                        voicemail_pin = COALESCE(excluded.voicemail_pin, voicemail_pin),
                        updated_ms = excluded.updated_ms
                    """;
                command.Parameters.AddWithValue("$e", extension);
                command.Parameters.AddWithValue("$p", (object?)sipPassword ?? DBNull.Value);
                command.Parameters.AddWithValue("$pin", (object?)voicemailPin ?? DBNull.Value);
                command.Parameters.AddWithValue("$t", SqlTime.ToMs(now));
                command.ExecuteNonQuery();
                var what = (sipPassword, voicemailPin) switch
                {
                    (not null, not null) => "SIP password and voicemail PIN",
                    (not null, null) => "SIP password",
                    _ => "voicemail PIN",
                };
                return AuditLog.Append(connection, transaction, now, actor, "phone.secret-set", $"{extension}: {what}");
            }, cancellationToken).ConfigureAwait(false);

            var old = _entries.GetValueOrDefault(extension);
            var entry = new Entry(sipPassword ?? old?.SipPassword, voicemailPin ?? old?.VoicemailPin, now);
            Volatile.Write(ref _entries, _entries.SetItem(extension, entry));
            return PhoneResult.Ok;
        }
        finally
        {
            _changeGate.Release();
        }
    }

    /// <summary>Forgets the extension's secrets (the extension left the plan); false when it had none.</summary>
    public async Task<bool> DeleteAsync(string extension, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extension);
        ArgumentNullException.ThrowIfNull(actor);
        var now = _database.Time.GetUtcNow();
        await _changeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deleted = await _database.WriteAsync((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM phone_accounts WHERE extension = $e";
                command.Parameters.AddWithValue("$e", extension);
                if (command.ExecuteNonQuery() == 0)
                {
                    return false;
                }

                AuditLog.Append(connection, transaction, now, actor, "phone.deleted", extension);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            if (deleted)
            {
                Volatile.Write(ref _entries, _entries.Remove(extension));
            }

            return deleted;
        }
        finally
        {
            _changeGate.Release();
        }
    }

    /// <summary>
    /// The extension was renumbered: its phone keeps its secrets under <paramref name="to"/> (any stale account
    /// of <paramref name="to"/> is replaced). False when <paramref name="from"/> had none (nothing changed).
    /// </summary>
    public async Task<bool> MoveAsync(string from, string to, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(actor);
        if (PhoneSecretRules.ExtensionProblem(to) is not null || from == to)
        {
            return false;
        }

        var now = _database.Time.GetUtcNow();
        await _changeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var moved = await _database.WriteAsync((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    DELETE FROM phone_accounts WHERE extension = $to AND EXISTS (SELECT 1 FROM phone_accounts WHERE extension = $from);
                    UPDATE phone_accounts SET extension = $to, updated_ms = $t WHERE extension = $from;
                    """;
                command.Parameters.AddWithValue("$from", from);
                command.Parameters.AddWithValue("$to", to);
                command.Parameters.AddWithValue("$t", SqlTime.ToMs(now));
                command.ExecuteNonQuery();
                using var changes = connection.CreateCommand();
                changes.Transaction = transaction;
                changes.CommandText = "SELECT changes()";
                if ((long)changes.ExecuteScalar()! == 0)
                {
                    return false;
                }

                AuditLog.Append(connection, transaction, now, actor, "phone.moved", $"{from} -> {to}");
                return true;
            }, cancellationToken).ConfigureAwait(false);
            if (moved && _entries.TryGetValue(from, out var entry))
            {
                Volatile.Write(ref _entries, _entries.Remove(from).SetItem(to, entry with { Updated = now }));
            }

            return moved;
        }
        finally
        {
            _changeGate.Release();
        }
    }

    /// <summary>Every account, by extension, without its secrets.</summary>
    public ImmutableArray<PhoneAccount> List() =>
        [.. Volatile.Read(ref _entries).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => Public(e.Key, e.Value))];

    public PhoneAccount? Find(string extension) =>
        Volatile.Read(ref _entries).TryGetValue(extension, out var entry) ? Public(extension, entry) : null;

    /// <summary>
    /// The registrar's question (ICredentialStore.FindPassword): the SIP password of the phone registering as
    /// <paramref name="extension"/>, or null when it has none (the phone is then refused). Lock-free, no I/O.
    /// </summary>
    public string? FindSipPassword(string extension) =>
        extension is not null && Volatile.Read(ref _entries).TryGetValue(extension, out var entry) ? entry.SipPassword : null;

    /// <summary>For the voicemail menu: true only if the extension has a PIN and <paramref name="pin"/> is it (constant time).</summary>
    public bool VerifyVoicemailPin(string extension, string pin)
    {
        ArgumentNullException.ThrowIfNull(pin);
        if (extension is null || !Volatile.Read(ref _entries).TryGetValue(extension, out var entry) || entry.VoicemailPin is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(entry.VoicemailPin), Encoding.UTF8.GetBytes(pin));
    }

    /// <summary>Re-reads the table (after a restore into the open database).</summary>
    public void Reload() => Volatile.Write(ref _entries, Load());

    public void Dispose() => _changeGate.Dispose();

    private static PhoneAccount Public(string extension, Entry entry) =>
        new(extension, entry.SipPassword is not null, entry.VoicemailPin is not null, entry.Updated);

    private ImmutableDictionary<string, Entry> Load()
    {
        using var connection = _database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT extension, sip_password, voicemail_pin, updated_ms FROM phone_accounts";
        using var r = command.ExecuteReader();
        var builder = ImmutableDictionary.CreateBuilder<string, Entry>(StringComparer.Ordinal);
        while (r.Read())
        {
            builder[r.GetString(0)] = new Entry(Text(r, 1), Text(r, 2), SqlTime.FromMs(r.GetInt64(3)));
        }

        return builder.ToImmutable();
    }

    private static string? Text(SqliteDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);
}
