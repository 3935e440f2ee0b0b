using EdgePbx.Storage.Backup;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Backup;

public sealed class BoxBackupTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly TempDataDir _elsewhere = new();
    private readonly FakeTimeProvider _time = new(Calls.T0);

    [Fact]
    public async Task Backup_taken_while_calls_are_written_is_a_consistent_snapshot_and_writes_never_fail()
    {
        using var db = PbxDatabase.Open(_dir.Path, _time);
        var writer = new CallRecordWriter(db);
        await writer.WriteManyAsync(Enumerable.Range(0, 20_000).Select(i => Calls.Answered($"seed{i}", Calls.T0.AddSeconds(i))).ToList());
        using var stop = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var written = 0;
        var engine = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await writer.WriteAsync(Calls.Answered($"live{written}", Calls.T0.AddDays(1).AddSeconds(written)));
                Assert.True(result.Succeeded);
                if (Interlocked.Increment(ref written) == 10)
                {
                    started.SetResult();
                }
            }
        });
        await started.Task;

        var file = _elsewhere.File("box.edgepbx-backup");
        var backup = await BoxBackup.BackupAsync(_dir.Path, file);
        var writtenAfterBackup = Volatile.Read(ref written);
        await stop.CancelAsync();
        await engine;

        Assert.True(backup.Succeeded, backup.Error);
        Assert.Equal(Migrations.Latest, backup.SchemaVersion);
        Assert.False(File.Exists(file + ".partial"));
        Assert.False(File.Exists(file + "-wal"));
        using var copy = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        copy.Open();
        Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check"));
        var calls = (long)Scalar(copy, "SELECT COUNT(*) FROM calls")!;
        Assert.InRange(calls, 20_010, 20_000 + writtenAfterBackup);
        // Snapshot: no call without all of its legs.
        Assert.Equal(calls * 3, (long)Scalar(copy, "SELECT COUNT(*) FROM call_legs")!);
        Assert.Equal("delete", Scalar(copy, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Restore_replaces_the_box_database_and_records_it_in_the_audit_log()
    {
        var file = _elsewhere.File("good.backup");
        using (var source = PbxDatabase.Open(_elsewhere.File("source"), _time))
        {
            await new CallRecordWriter(source).WriteAsync(Calls.Answered("from-backup", Calls.T0));
            Assert.True((await BoxBackup.BackupAsync(source, file)).Succeeded);
        }

        using (var box = PbxDatabase.Open(_dir.Path, _time))
        {
            await new CallRecordWriter(box).WriteAsync(Calls.Answered("on-the-box", Calls.T0));
        }

        var restore = await BoxBackup.RestoreAsync(_dir.Path, file, _time);

        Assert.True(restore.Succeeded, restore.Error);
        using var db = PbxDatabase.Open(_dir.Path, _time);
        Assert.Equal(["from-backup"], new CallRecordSearch(db).Search(new CallSearch()).Items.Select(c => c.Record.CallId));
        Assert.Equal("box.restored", new Storage.Audit.AuditLog(db).Recent(1)[0].Action);
        Assert.Equal("wal", ScalarOn(db, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Restore_of_a_backup_from_an_older_schema_upgrades_it()
    {
        var oldDir = _elsewhere.File("old");
        using (var old = PbxDatabase.Open(oldDir, _time, schemaVersion: 1))
        {
            await LegacyRows.InsertCallAsync(old, "v1-call", Calls.T0, outcome: 2, durationSeconds: 30, chargeMilli: 0, region: "", schemaVersion: 1);
        }

        var result = await BoxBackup.RestoreAsync(_dir.Path, PbxDatabase.PathIn(oldDir), _time);

        Assert.True(result.Succeeded, result.Error);
        using var db = PbxDatabase.Open(_dir.Path, _time);
        Assert.True(db.CheckHealth().IsHealthy);
        Assert.Single(new CallRecordSearch(db).Search(new CallSearch()).Items);
        Assert.Equal(1, new Storage.Reports.CallReports(db).Summary(Calls.T0, Calls.T0.AddDays(1)).Missed);
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_database_and_leaves_the_box_untouched()
    {
        using (var box = PbxDatabase.Open(_dir.Path, _time))
        {
            await new CallRecordWriter(box).WriteAsync(Calls.Answered("keep-me", Calls.T0));
        }

        var junk = _elsewhere.File("junk.backup");
        await File.WriteAllTextAsync(junk, "this is not sqlite, just text long enough to have a header..........................................");

        var result = await BoxBackup.RestoreAsync(_dir.Path, junk, _time);
        var missing = await BoxBackup.RestoreAsync(_dir.Path, _elsewhere.File("nope"), _time);

        Assert.False(result.Succeeded);
        Assert.False(missing.Succeeded);
        using var db = PbxDatabase.Open(_dir.Path, _time);
        Assert.Equal("keep-me", Assert.Single(new CallRecordSearch(db).Search(new CallSearch()).Items).Record.CallId);
    }

    [Fact]
    public async Task Restore_refuses_a_backup_made_by_newer_firmware()
    {
        var file = _elsewhere.File("future.backup");
        using (var future = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            future.Open();
            using var command = future.CreateCommand();
            command.CommandText = $"CREATE TABLE t (x); PRAGMA user_version = {Migrations.Latest + 1};";
            command.ExecuteNonQuery();
        }

        var result = await BoxBackup.RestoreAsync(_dir.Path, file, _time);

        Assert.False(result.Succeeded);
        Assert.Contains("newer", result.Error);
    }

    [Fact]
    public async Task Backup_without_a_database_is_refused()
    {
        var result = await BoxBackup.BackupAsync(_elsewhere.File("empty"), _elsewhere.File("x.backup"));

        Assert.False(result.Succeeded);
        Assert.False(File.Exists(_elsewhere.File("x.backup")));
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static object? ScalarOn(PbxDatabase db, string sql)
    {
        using var reader = db.OpenReader();
        return Scalar(reader, sql);
    }

    public void Dispose()
    {
        _dir.Dispose();
        _elsewhere.Dispose();
    }
}
