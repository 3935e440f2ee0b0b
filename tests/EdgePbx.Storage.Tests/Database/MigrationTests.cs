using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Registrar;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Database;

public sealed class MigrationTests
{
    private readonly FakeTimeProvider _time = new(Calls.T0);

    public static TheoryData<int> EarlierVersions()
    {
        var data = new TheoryData<int>();
        for (var v = 0; v < Migrations.Latest; v++)
        {
            data.Add(v);
        }

        return data;
    }

    [Fact]
    public void Migrations_are_numbered_consecutively_from_one()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.All.Length), Migrations.All.Select(m => m.Number));
    }

    [Fact]
    public void Opening_an_empty_data_directory_creates_the_database_at_the_latest_schema()
    {
        using var dir = new TempDataDir();
        using var db = PbxDatabase.Open(dir.Path, _time);

        Assert.True(File.Exists(Path.Combine(dir.Path, PbxDatabase.FileName)));
        using var reader = db.OpenReader();
        Assert.Equal(Migrations.Latest, Migrator.CurrentVersion(reader));
        Assert.True(db.CheckHealth().IsHealthy);
    }

    [Theory]
    [MemberData(nameof(EarlierVersions))]
    public async Task Database_made_by_an_earlier_schema_upgrades_to_latest_and_keeps_its_data(int earlier)
    {
        using var dir = new TempDataDir();
        using (var old = PbxDatabase.Open(dir.Path, _time, earlier))
        {
            if (earlier >= 1)
            {
                await LegacyRows.InsertCallAsync(old, "old-missed", Calls.T0.AddMinutes(1), outcome: 2, durationSeconds: 30, chargeMilli: 0, region: "上海", schemaVersion: earlier);
                await LegacyRows.InsertCallAsync(old, "old-answered", Calls.T0.AddMinutes(70), outcome: 1, durationSeconds: 125, chargeMilli: 300, region: "北京", schemaVersion: earlier);
            }

            if (earlier >= 2)
            {
                await new BindingStore(old).SaveAsync(new StoredBinding("sip:8001@box", "sip:8001@10.0.0.5", "reg-1", 1, Calls.T0.AddHours(1), "Yealink", "udp:10.0.0.5:5060"));
            }

            using var reader = old.OpenReader();
            Assert.Equal(earlier, Migrator.CurrentVersion(reader));
        }

        using var db = PbxDatabase.Open(dir.Path, _time);

        Assert.True(db.CheckHealth().IsHealthy);
        var all = new CallRecordSearch(db).Search(new CallSearch());
        if (earlier >= 1)
        {
            Assert.Equal(["old-answered", "old-missed"], all.Items.Select(c => c.Record.CallId));
            Assert.Equal((CallOutcome.Answered, TimeSpan.FromSeconds(125), 0.3m, "北京"), (all.Items[0].Record.Outcome, all.Items[0].Record.Duration, all.Items[0].Record.Charge, all.Items[0].Record.CallerRegion));
            Assert.Single(all.Items[1].Record.Legs);
            Assert.All(all.Items, c => Assert.Equal(("", false), (c.Record.MenuChoices, c.Record.CedHeard)));
            // Migration 9 indexed the old calls by the numbers their legs rang.
            Assert.Equal(["old-answered", "old-missed"], new CallRecordSearch(db).Search(new CallSearch { Extension = "13800138000" }).Items.Select(c => c.Record.CallId));
            // Report sums were back-filled from the old calls by the upgrade.
            var reports = new Storage.Reports.CallReports(db);
            Assert.Equal(new Storage.Reports.ReportTotals(2, 1, 1, 155, 120, 0.3m), reports.Summary(Calls.T0, Calls.T0.AddDays(1)));
            Assert.Equal(["上海", "北京"], reports.ByCallerRegion(Calls.T0, Calls.T0.AddDays(1)).Select(r => r.Key).Order(StringComparer.Ordinal));
        }

        if (earlier >= 2)
        {
            Assert.Single(new BindingStore(db).LoadActive());
        }

        // Everything the latest schema offers works on the upgraded file.
        Assert.True((await new CallRecordWriter(db).WriteAsync(Calls.Missed("new-call", Calls.T0.AddMinutes(5)) with { Digits = "12", MenuChoices = "main:1 sub:2", CedHeard = true })).Succeeded);
        var written = Assert.Single(new CallRecordSearch(db).Search(new CallSearch()).Items, c => c.Record.CallId == "new-call").Record;
        Assert.Equal(("12", "main:1 sub:2", true), (written.Digits, written.MenuChoices, written.CedHeard));
        await new Storage.Audit.AuditLog(db).AppendAsync("test", "upgrade.checked", $"from {earlier}");
        Assert.Single(new Storage.Audit.AuditLog(db).Recent(10));
        Assert.Equal(CallIndexesQueriesRead, CallRecordIndexes(db));
    }

    /// <summary>
    /// The indexes a call record's insert keeps up to date, each for a query that reads it: the newest-first
    /// page and time ranges (by start), search by number (caller, called), retention's cascade to a call's
    /// extension rows. Search by extension reads call_extensions' own key. Any other index only costs writes.
    /// </summary>
    private static readonly string[] CallIndexesQueriesRead = ["call_extensions_by_call", "calls_by_called", "calls_by_caller", "calls_by_start"];

    [Fact]
    public void A_new_database_indexes_call_records_only_for_the_queries_that_read_them()
    {
        using var dir = new TempDataDir();
        using var db = PbxDatabase.Open(dir.Path, _time);

        Assert.Equal(CallIndexesQueriesRead, CallRecordIndexes(db));
    }

    private static string[] CallRecordIndexes(PbxDatabase db)
    {
        using var reader = db.OpenReader();
        using var command = reader.CreateCommand();
        // sql IS NULL: the indexes SQLite makes for a UNIQUE or PRIMARY KEY constraint, not ours to drop.
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('calls', 'call_legs', 'call_extensions') ORDER BY name";
        using var r = command.ExecuteReader();
        var names = new List<string>();
        while (r.Read())
        {
            names.Add(r.GetString(0));
        }

        return [.. names];
    }

    [Fact]
    public async Task Writer_runs_in_wal_with_synchronous_full()
    {
        using var dir = new TempDataDir();
        using var db = PbxDatabase.Open(dir.Path, _time);

        var (journal, synchronous) = await db.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT synchronous FROM pragma_synchronous)";
            using var r = command.ExecuteReader();
            r.Read();
            return (r.GetString(0), r.GetInt64(1));
        });

        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous); // 2 = FULL
    }

    [Fact]
    public async Task Write_that_throws_is_rolled_back_entirely()
    {
        using var dir = new TempDataDir();
        using var db = PbxDatabase.Open(dir.Path, _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync<int>((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO audit_log (at_ms, actor, action, detail) VALUES (1, 'a', 'b', 'c')";
            command.ExecuteNonQuery();
            throw new InvalidOperationException("engine bug");
        }));

        Assert.Empty(new Storage.Audit.AuditLog(db).Recent(10));
    }

    [Fact]
    public void Health_check_fails_once_the_database_is_closed()
    {
        using var dir = new TempDataDir();
        var db = PbxDatabase.Open(dir.Path, _time);
        db.Dispose();

        Assert.False(db.CheckHealth().IsHealthy);
    }
}
