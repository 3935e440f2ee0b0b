using EdgePbx.Daemon.Reset;
using EdgePbx.Storage.Accounts;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Phones;
using EdgePbx.Storage.Plans;

namespace EdgePbx.Daemon.Tests.Reset;

/// <summary>The factory reset on a real SQLite database in a temporary data folder.</summary>
public sealed class FactoryWipeTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("edgepbx-wipe-").FullName;
    private readonly PbxDatabase _database;

    public FactoryWipeTests()
    {
        _database = PbxDatabase.Open(_data, TimeProvider.System);
    }

    [Fact]
    public async Task Reset_keeping_call_records_wipes_accounts_plans_and_data_files_but_not_the_records()
    {
        await SeedAsync();

        var result = await FactoryWipe.RunAsync(_database, _data, keepCallRecords: true, CancellationToken.None);

        Assert.Equal(1, Count("calls"));
        Assert.Equal(1, Count("call_legs"));
        // The kept records are still found by extension (call_extensions, migration 9, is part of them).
        Assert.Equal(["wipe-test-1"], new CallRecordSearch(_database).Search(new CallSearch { Extension = "101" }).Items.Select(c => c.Record.CallId));
        Assert.Equal(0, Count("phone_accounts"));
        Assert.Equal(0, Count("accounts"));
        Assert.Equal(0, Count("plan_history"));
        Assert.Equal(1, Count("audit_log"));
        Assert.DoesNotContain("calls", result.Tables);
        Assert.Contains("phone_accounts", result.Tables);
        Assert.False(File.Exists(Path.Combine(_data, "night-switch")));
        Assert.False(Directory.Exists(Path.Combine(_data, "voicemail")));
        Assert.Equal(["night-switch", "voicemail"], result.Files.Order(StringComparer.Ordinal));
        Assert.True(File.Exists(PbxDatabase.PathIn(_data)));
        Assert.True(result.KeptCallRecords);
    }

    [Fact]
    public async Task Reset_chosen_to_wipe_call_records_empties_them_too()
    {
        await SeedAsync();

        var result = await FactoryWipe.RunAsync(_database, _data, keepCallRecords: false, CancellationToken.None);

        Assert.Equal(0, Count("calls"));
        Assert.Equal(0, Count("call_legs"));
        Assert.Equal(0, Count("call_rollup"));
        Assert.Equal(0, Count("call_extensions"));
        Assert.Contains("calls", result.Tables);
        Assert.False(result.KeptCallRecords);
    }

    [Fact]
    public async Task Wiped_database_is_still_a_working_box_database()
    {
        await SeedAsync();
        await FactoryWipe.RunAsync(_database, _data, keepCallRecords: true, CancellationToken.None);

        using var phones = new PhoneAccountStore(_database);
        Assert.True((await phones.SetAsync("102", "another-secret-102", null, "test")).Succeeded);
        Assert.Single(phones.List());
    }

    [Fact]
    public void Every_table_whose_rows_belong_to_a_call_is_kept_with_the_call_records()
    {
        using var connection = _database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND f."table" = 'calls' ORDER BY m.name
            """;
        using var reader = command.ExecuteReader();
        var children = new List<string>();
        while (reader.Read())
        {
            children.Add(reader.GetString(0));
        }

        Assert.Equal(["call_extensions", "call_legs"], children);
        Assert.All(children, table => Assert.Contains(table, FactoryWipe.CallRecordTables));
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private async Task SeedAsync()
    {
        var start = new DateTimeOffset(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
        var written = await new CallRecordWriter(_database).WriteAsync(new CallRecord
        {
            CallId = "wipe-test-1",
            Caller = "02112345678",
            Called = "4006123456",
            Start = start,
            Answer = start.AddSeconds(3),
            End = start.AddSeconds(30),
            Outcome = CallOutcome.Answered,
            AnsweredBy = "101",
            Legs = [new CallLeg(LegKind.Inbound, "02112345678", start, start.AddSeconds(3), start.AddSeconds(30), 200, null)],
        });
        Assert.True(written.Succeeded, written.ToString());
        using var phones = new PhoneAccountStore(_database);
        Assert.True((await phones.SetAsync("101", "desk-phone-101", "1234", "test")).Succeeded);
        Assert.True((await new AccountStore(_database, new PasswordHasher(100_000)).CreateAsync("installer", "installer-password-1")).Succeeded);
        await new PlanHistory(_database).RecordAppliedAsync("5", "{}", "test");
        await File.WriteAllTextAsync(Path.Combine(_data, "night-switch"), "on\n");
        Directory.CreateDirectory(Path.Combine(_data, "voicemail", "101"));
        await File.WriteAllTextAsync(Path.Combine(_data, "voicemail", "101", "msg1.wav"), "RIFF");
        Assert.Equal(1, Count("calls"));
        Assert.True(Count("audit_log") > 0);
    }

    private long Count(string table)
    {
        using var connection = _database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
