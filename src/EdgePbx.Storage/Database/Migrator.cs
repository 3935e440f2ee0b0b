using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.Database;

/// <summary>Applies numbered migrations; the schema number lives in SQLite's own user_version header field.</summary>
public static class Migrator
{
    public static int CurrentVersion(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Brings the database up to <paramref name="target"/>; each step commits with its version number so
    /// a power cut mid-upgrade leaves a database at some whole step, never half of one.</summary>
    public static IReadOnlyList<int> Apply(SqliteConnection connection, int target)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var applied = new List<int>();
        var from = CurrentVersion(connection);
        foreach (var migration in Migrations.All)
        {
            if (migration.Number <= from || migration.Number > target)
            {
                continue;
            }

            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                // PRAGMA cannot take parameters; the number is ours, not input.
                command.CommandText = migration.Sql + $"\nPRAGMA user_version = {migration.Number};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            applied.Add(migration.Number);
        }

        return applied;
    }
}
