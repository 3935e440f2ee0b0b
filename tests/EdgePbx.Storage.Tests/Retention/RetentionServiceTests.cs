using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Retention;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.Retention;

public sealed class RetentionServiceTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(Calls.T0);
    private readonly PbxDatabase _db;
    private readonly CallRecordWriter _writer;

    public RetentionServiceTests()
    {
        _db = PbxDatabase.Open(_dir.Path, _time);
        _writer = new CallRecordWriter(_db);
    }

    private async Task SeedAsync(DateTimeOffset first, int count, string prefix)
    {
        var calls = Enumerable.Range(0, count).Select(i => Calls.Answered($"{prefix}{i}", first.AddMinutes(i))).ToList();
        Assert.All(await _writer.WriteManyAsync(calls), r => Assert.True(r.Succeeded));
    }

    private int CountCalls() => (int)new Storage.Reports.CallReports(_db).Summary(DateTimeOffset.UnixEpoch, Calls.T0.AddYears(5)).Calls;

    private long CountLegs() => Count("call_legs");

    private long Count(string table)
    {
        using var reader = _db.OpenReader();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM " + table;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Purge_removes_records_older_than_three_months_with_their_legs_and_keeps_the_rest()
    {
        await SeedAsync(Calls.T0, 30, "old");
        await SeedAsync(Calls.T0.AddMonths(2), 10, "new");
        _time.SetUtcNow(Calls.T0.AddMonths(3).AddDays(1));
        using var retention = new RetentionService(_db, new RetentionOptions { BatchSize = 7 });

        var removed = await retention.PurgeAsync();

        Assert.Equal(30, removed);
        Assert.Equal(10, CountCalls());
        Assert.Equal(10 * 3, CountLegs());
        Assert.Equal(10 * 3, Count("call_extensions"));
    }

    [Fact]
    public async Task Configured_period_is_honoured()
    {
        await SeedAsync(Calls.T0, 5, "a");
        _time.SetUtcNow(Calls.T0.AddMonths(3).AddDays(1));
        using var retention = new RetentionService(_db, new RetentionOptions { KeepMonths = 12 });

        Assert.Equal(0, await retention.PurgeAsync());
        Assert.Equal(5, CountCalls());
    }

    [Fact]
    public async Task Timer_purges_after_the_first_delay_and_then_daily()
    {
        await SeedAsync(Calls.T0, 3, "first");
        await SeedAsync(Calls.T0.AddDays(2), 4, "second");
        _time.SetUtcNow(Calls.T0.AddMonths(3).AddDays(1));
        using var retention = new RetentionService(_db, new RetentionOptions { FirstRunDelay = TimeSpan.FromMinutes(5) });
        retention.Start();

        _time.Advance(TimeSpan.FromMinutes(4));
        await retention.LastRun;
        Assert.Equal(7, CountCalls());

        _time.Advance(TimeSpan.FromMinutes(1));
        await retention.LastRun;
        Assert.Equal(4, CountCalls());

        _time.Advance(TimeSpan.FromDays(1));
        await retention.LastRun;
        Assert.Equal(4, CountCalls());

        _time.Advance(TimeSpan.FromDays(1));
        await retention.LastRun;
        Assert.Equal(0, CountCalls());
    }

    [Fact]
    public async Task Call_record_written_during_a_long_purge_is_stored_before_the_purge_finishes()
    {
        for (var chunk = 0; chunk < 5; chunk++)
        {
            await SeedAsync(Calls.T0.AddDays(chunk), 1000, $"old{chunk}-");
        }

        _time.SetUtcNow(Calls.T0.AddMonths(4));
        using var retention = new RetentionService(_db, new RetentionOptions { BatchSize = 100 });

        var purge = retention.PurgeAsync();
        var write = await _writer.WriteAsync(Calls.Answered("live", _time.GetUtcNow()));
        var purgeDoneWhenWriteReturned = purge.IsCompleted;

        Assert.True(write.Succeeded);
        Assert.False(purgeDoneWhenWriteReturned);
        Assert.Equal(5000, await purge);
        Assert.Equal(1, CountCalls());
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
