using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Switchboard.Records;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Switchboard.Tests.Records;

public sealed class StorageCallRecordSinkTests
{
    [Fact]
    public async Task Records_queued_before_a_stop_are_still_written_to_sqlite_with_their_legs()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero));
        var dir = Directory.CreateTempSubdirectory("sink-").FullName;
        using var db = PbxDatabase.Open(dir, time);
        var sink = new StorageCallRecordSink(new CallRecordWriter(db), NullLogger<StorageCallRecordSink>.Instance);
        var start = time.GetUtcNow();
        CallRecord Record(string id) => new()
        {
            CallId = id,
            Caller = "13912345678",
            Called = "4006123456",
            Start = start,
            Answer = start.AddSeconds(2),
            End = start.AddSeconds(70),
            Outcome = CallOutcome.Answered,
            AnsweredBy = "101",
            BilledDuration = TimeSpan.FromSeconds(72),
            Charge = 0.15m,
            Legs = [new CallLeg(LegKind.Inbound, "13912345678", start, start.AddSeconds(2), start.AddSeconds(70), 200, null),
                    new CallLeg(LegKind.HuntAttempt, "101", start, start.AddSeconds(2), start.AddSeconds(70), 200, null)],
        };

        using var cts = new CancellationTokenSource();
        sink.Submit(Record("a@x"));
        sink.Submit(Record("b@x"));
        await cts.CancelAsync();
        await sink.RunAsync(cts.Token);

        Assert.Equal(2, sink.Written);
        var page = new CallRecordSearch(db).Search(new CallSearch { Extension = "101" });
        Assert.Equal(["a@x", "b@x"], page.Items.Select(i => i.Record.CallId).Order());
        Assert.All(page.Items, i => Assert.Equal(2, i.Record.Legs.Length));
        Assert.All(page.Items, i => Assert.Equal(0.15m, i.Record.Charge));
    }

    [Fact]
    public async Task A_record_the_writer_refuses_is_counted_and_does_not_stop_the_loop()
    {
        var time = new FakeTimeProvider();
        var dir = Directory.CreateTempSubdirectory("sink-").FullName;
        using var db = PbxDatabase.Open(dir, time);
        var sink = new StorageCallRecordSink(new CallRecordWriter(db), NullLogger<StorageCallRecordSink>.Instance);
        var t = time.GetUtcNow();
        sink.Submit(new CallRecord { CallId = "", Caller = "1", Called = "2", Start = t, End = t, Outcome = CallOutcome.Failed });
        sink.Submit(new CallRecord { CallId = "ok@x", Caller = "1", Called = "2", Start = t, End = t, Outcome = CallOutcome.Failed });
        sink.Complete();
        await sink.RunAsync(CancellationToken.None);
        Assert.Equal((1L, 1L), (sink.Written, sink.Refused));
    }

    [Fact]
    public async Task Records_waiting_together_share_one_transaction()
    {
        var time = new FakeTimeProvider();
        var dir = Directory.CreateTempSubdirectory("sink-").FullName;
        using var db = PbxDatabase.Open(dir, time);
        var sink = new StorageCallRecordSink(new CallRecordWriter(db), NullLogger<StorageCallRecordSink>.Instance);
        var t = time.GetUtcNow();
        for (var i = 0; i < StorageCallRecordSink.MaxBatch + 20; i++)
        {
            sink.Submit(new CallRecord { CallId = $"{i}@x", Caller = "1", Called = "2", Start = t, End = t, Outcome = CallOutcome.Missed });
        }

        sink.Complete();
        await sink.RunAsync(CancellationToken.None);

        Assert.Equal((120L, 0L, 2L), (sink.Written, sink.Refused, sink.Transactions));
        Assert.Equal(120, new CallRecordSearch(db).Search(new CallSearch { PageSize = 200 }).Items.Length);
    }

    [Fact]
    public async Task A_batch_that_fails_whole_is_written_again_one_record_at_a_time()
    {
        var time = new FakeTimeProvider();
        var dir = Directory.CreateTempSubdirectory("sink-").FullName;
        using var db = PbxDatabase.Open(dir, time);
        var sink = new StorageCallRecordSink(new CallRecordWriter(db), NullLogger<StorageCallRecordSink>.Instance);
        var t = time.GetUtcNow();
        sink.Submit(new CallRecord { CallId = "first@x", Caller = "1", Called = "2", Start = t, End = t, Outcome = CallOutcome.Missed });
        // A charge past what the database stores throws inside the transaction (it passes validation).
        sink.Submit(new CallRecord { CallId = "absurd@x", Caller = "1", Called = "2", Start = t, End = t, Outcome = CallOutcome.Missed, Charge = decimal.MaxValue / 10 });
        sink.Submit(new CallRecord { CallId = "last@x", Caller = "1", Called = "2", Start = t, End = t, Outcome = CallOutcome.Missed });

        sink.Complete();
        await sink.RunAsync(CancellationToken.None);

        Assert.Equal((2L, 1L, 4L), (sink.Written, sink.Refused, sink.Transactions));
        Assert.Equal(["first@x", "last@x"], new CallRecordSearch(db).Search(new CallSearch()).Items.Select(i => i.Record.CallId).Order());
    }

    [Fact]
    public async Task A_record_submitted_within_the_batch_window_of_an_earlier_one_shares_its_commit()
    {
        var time = new FakeTimeProvider();
        var dir = Directory.CreateTempSubdirectory("sink-").FullName;
        using var db = PbxDatabase.Open(dir, time);
        var sink = new StorageCallRecordSink(new CallRecordWriter(db), NullLogger<StorageCallRecordSink>.Instance) { BatchWindow = TimeSpan.FromSeconds(2) };
        var t = time.GetUtcNow();
        using var cts = new CancellationTokenSource();
        var run = sink.RunAsync(cts.Token);

        sink.Submit(new CallRecord { CallId = "first@x", Caller = "1", Called = "2", Start = t, End = t, Outcome = CallOutcome.Missed });
        await Task.Delay(200);
        Assert.Equal(0L, sink.Written);
        sink.Submit(new CallRecord { CallId = "second@x", Caller = "1", Called = "2", Start = t, End = t, Outcome = CallOutcome.Missed });
        for (var i = 0; i < 100 && sink.Written < 2; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal((2L, 1L), (sink.Written, sink.Transactions));
        await cts.CancelAsync();
        await run;
    }
}
