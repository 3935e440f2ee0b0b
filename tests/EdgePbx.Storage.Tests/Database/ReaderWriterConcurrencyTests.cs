using System.Diagnostics;
using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Database;

public sealed class ReaderWriterConcurrencyTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly PbxDatabase _db;

    public ReaderWriterConcurrencyTests() => _db = PbxDatabase.Open(_dir.Path, new FakeTimeProvider(Calls.T0));

    [Fact]
    public async Task Call_records_are_committed_while_a_long_report_transaction_is_open()
    {
        var writer = new CallRecordWriter(_db);
        await writer.WriteManyAsync(Enumerable.Range(0, 1000).Select(i => Calls.Answered($"old{i}", Calls.T0.AddSeconds(i))).ToList());
        using var report = _db.OpenReader();
        using var snapshot = report.BeginTransaction(deferred: true);
        using var slowQuery = report.CreateCommand();
        slowQuery.Transaction = snapshot;
        slowQuery.CommandText = "SELECT id FROM calls ORDER BY id";
        using var cursor = slowQuery.ExecuteReader();
        Assert.True(cursor.Read()); // the report is mid-scan, holding its read snapshot

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            Assert.True((await writer.WriteAsync(Calls.Missed($"new{i}", Calls.T0.AddHours(1).AddSeconds(i)))).Succeeded);
        }

        clock.Stop();
        var rowsSeenByReport = 1;
        while (cursor.Read())
        {
            rowsSeenByReport++;
        }

        // A blocked writer would sit in SQLite's 30 s busy timeout; fifty fsynced commits take well under that.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"writes took {clock.Elapsed}");
        Assert.Equal(1000, rowsSeenByReport);
        Assert.Equal(1050, new Storage.Reports.CallReports(_db).Summary(Calls.T0.AddDays(-1), Calls.T0.AddDays(1)).Calls);
    }

    [Fact]
    public async Task Concurrent_writers_are_serialised_without_busy_errors()
    {
        var writer = new CallRecordWriter(_db);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var ok = 0;
            for (var i = 0; i < 25; i++)
            {
                ok += (await writer.WriteAsync(Calls.Answered($"w{w}-{i}", Calls.T0.AddSeconds(i)))).Succeeded ? 1 : 0;
            }

            return ok;
        })));

        Assert.Equal(200, results.Sum());
    }

    [Fact]
    public async Task Blocking_and_async_writers_share_one_gate()
    {
        // The record writer's thread writes synchronously while other stores write through WriteAsync: the one
        // writer connection must still see one transaction at a time (a second BeginTransaction would throw).
        var writer = new CallRecordWriter(_db);
        var blocking = Enumerable.Range(0, 4).Select(w => Task.Factory.StartNew(() =>
        {
            var ok = 0;
            for (var i = 0; i < 25; i++)
            {
                ok += writer.WriteMany([Calls.Answered($"s{w}-{i}", Calls.T0.AddSeconds(i)), Calls.Missed($"s{w}-{i}b", Calls.T0.AddSeconds(i))])
                    .Count(r => r.Succeeded);
            }

            return ok;
        }, TaskCreationOptions.LongRunning));
        var async = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var ok = 0;
            for (var i = 0; i < 25; i++)
            {
                ok += (await writer.WriteAsync(Calls.Answered($"a{w}-{i}", Calls.T0.AddSeconds(i)))).Succeeded ? 1 : 0;
            }

            return ok;
        }));

        var results = await Task.WhenAll(blocking.Concat(async));

        Assert.Equal(300, results.Sum());
        Assert.Equal(300, new Storage.Reports.CallReports(_db).Summary(Calls.T0.AddDays(-1), Calls.T0.AddDays(1)).Calls);
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
