using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.CallRecords;

public sealed class CallRecordWriterTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly PbxDatabase _db;
    private readonly CallRecordWriter _writer;

    public CallRecordWriterTests()
    {
        _db = PbxDatabase.Open(_dir.Path, new FakeTimeProvider(Calls.T0));
        _writer = new CallRecordWriter(_db);
    }

    [Fact]
    public async Task Finished_call_reads_back_with_every_field_and_leg()
    {
        var call = Calls.Answered("c1", Calls.T0) with { OutcomeReason = "", Digits = "1*2#", Charge = 1.234m };

        var result = await _writer.WriteAsync(call);

        Assert.True(result.Succeeded);
        var stored = Assert.Single(new CallRecordSearch(_db).Search(new CallSearch()).Items);
        Assert.Equal(result.RowId, stored.RowId);
        RecordAssert.Same(call, stored.Record);
        Assert.Equal(TimeSpan.FromSeconds(100), stored.Record.Duration);
    }

    [Fact]
    public async Task Records_of_different_shapes_written_in_turn_on_the_kept_statements_each_read_back_as_written()
    {
        // The writer keeps its statements compiled between records: nothing of one record's values may stay bound
        // for the next (a leg-less record after one with legs, a reason after none, a duplicate in between).
        var first = Calls.Answered("k1", Calls.T0) with { Digits = "12", Charge = 0.5m };
        var blocked = Calls.Missed("k2", Calls.T0.AddMinutes(1)) with { Outcome = CallOutcome.Blocked, OutcomeReason = "blacklist", Legs = [] };
        var third = Calls.Answered("k3", Calls.T0.AddMinutes(2));

        Assert.True((await _writer.WriteAsync(first)).Succeeded);
        Assert.True((await _writer.WriteAsync(blocked)).Succeeded);
        Assert.False((await _writer.WriteAsync(first)).Succeeded);
        Assert.True((await _writer.WriteAsync(third)).Succeeded);

        var stored = new CallRecordSearch(_db).Search(new CallSearch()).Items.ToDictionary(c => c.Record.CallId, c => c.Record);
        Assert.Equal(3, stored.Count);
        RecordAssert.Same(first, stored["k1"]);
        RecordAssert.Same(blocked, stored["k2"]);
        RecordAssert.Same(third, stored["k3"]);
    }

    [Fact]
    public async Task Blocked_call_keeps_its_reason_and_has_no_answer()
    {
        var blocked = Calls.Missed("b1", Calls.T0) with { Outcome = CallOutcome.Blocked, OutcomeReason = "blacklist", Legs = [] };

        await _writer.WriteAsync(blocked);

        var stored = Assert.Single(new CallRecordSearch(_db).Search(new CallSearch { Outcome = CallOutcome.Blocked }).Items);
        Assert.Equal("blacklist", stored.Record.OutcomeReason);
        Assert.Null(stored.Record.Answer);
        Assert.Empty(stored.Record.Legs);
    }

    [Fact]
    public async Task Record_ending_before_it_started_is_refused_with_reasons_and_not_stored()
    {
        var bad = Calls.Answered("bad", Calls.T0) with { End = Calls.T0.AddSeconds(-1), Charge = -1 };

        var result = await _writer.WriteAsync(bad);

        Assert.False(result.Succeeded);
        Assert.Contains("end: before start", result.Errors);
        Assert.Contains("charge: negative", result.Errors);
        Assert.Contains("answer: outside start..end", result.Errors);
        Assert.Empty(new CallRecordSearch(_db).Search(new CallSearch()).Items);
    }

    [Fact]
    public async Task Second_record_with_the_same_call_id_is_refused_and_the_first_stands()
    {
        await _writer.WriteAsync(Calls.Answered("dup", Calls.T0, by: "8001"));

        var second = await _writer.WriteAsync(Calls.Answered("dup", Calls.T0, by: "8009"));

        Assert.False(second.Succeeded);
        var stored = Assert.Single(new CallRecordSearch(_db).Search(new CallSearch()).Items);
        Assert.Equal("8001", stored.Record.AnsweredBy);
        Assert.Equal(3, stored.Record.Legs.Length);
    }

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }
}
