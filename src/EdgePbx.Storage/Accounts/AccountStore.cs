using System.Collections.Immutable;
using EdgePbx.Storage.Audit;
using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.Accounts;

/// <summary>Installer accounts. Hashing happens before the write transaction, so a slow PBKDF2 never holds the writer.</summary>
public sealed class AccountStore(PbxDatabase database, PasswordHasher hasher)
{
    private string? _unknownUserHash;

    public async Task<AccountResult> CreateAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return new AccountResult("user name and password are required");
        }

        var hash = hasher.Hash(password);
        var now = database.Time.GetUtcNow();
        var inserted = await database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO accounts (user_name, password_hash, created_ms, changed_ms) VALUES ($u, $h, $t, $t) ON CONFLICT DO NOTHING";
            command.Parameters.AddWithValue("$u", userName);
            command.Parameters.AddWithValue("$h", hash);
            command.Parameters.AddWithValue("$t", SqlTime.ToMs(now));
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            AuditLog.Append(connection, transaction, now, userName, "account.created", userName);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return inserted ? AccountResult.Ok : new AccountResult($"user {userName} already exists");
    }

    public async Task<AccountResult> ChangePasswordAsync(string userName, string currentPassword, string newPassword, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(newPassword))
        {
            return new AccountResult("new password is required");
        }

        if (!Verify(userName, currentPassword))
        {
            return new AccountResult("user name or password is wrong");
        }

        var hash = hasher.Hash(newPassword);
        var now = database.Time.GetUtcNow();
        await database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE accounts SET password_hash = $h, changed_ms = $t WHERE user_name = $u";
            command.Parameters.AddWithValue("$u", userName);
            command.Parameters.AddWithValue("$h", hash);
            command.Parameters.AddWithValue("$t", SqlTime.ToMs(now));
            command.ExecuteNonQuery();
            return AuditLog.Append(connection, transaction, now, userName, "account.password-changed", userName);
        }, cancellationToken).ConfigureAwait(false);
        return AccountResult.Ok;
    }

    /// <summary>True if the user exists and the password matches. An unknown user costs a full hash too, so
    /// response time does not tell an attacker which user names exist.</summary>
    public bool Verify(string userName, string password)
    {
        var stored = StoredHash(userName);
        if (stored is null)
        {
            _ = PasswordHasher.Verify(password, UnknownUserHash);
            return false;
        }

        return PasswordHasher.Verify(password, stored);
    }

    public ImmutableArray<InstallerAccount> List()
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_name, created_ms, changed_ms FROM accounts ORDER BY user_name";
        using var r = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<InstallerAccount>();
        while (r.Read())
        {
            result.Add(new InstallerAccount(r.GetString(0), SqlTime.FromMs(r.GetInt64(1)), SqlTime.FromMs(r.GetInt64(2))));
        }

        return result.ToImmutable();
    }

    private string UnknownUserHash => _unknownUserHash ??= hasher.Hash(Guid.NewGuid().ToString());

    private string? StoredHash(string userName)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM accounts WHERE user_name = $u";
        command.Parameters.AddWithValue("$u", userName);
        return command.ExecuteScalar() as string;
    }
}
