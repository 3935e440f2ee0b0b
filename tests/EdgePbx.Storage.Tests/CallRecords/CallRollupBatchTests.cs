using EdgePbx.Storage.CallRecords;
using EdgePbx.Storage.Database;
using EdgePbx.Storage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace EdgePbx.Storage.Tests.CallRecords;

/// <summary>A transaction's records are summed per rollup row and upserted once: the table must end as with one upsert per record.</summary>
public sealed class CallRollupBatchTests : IDisposable
{
    private readonly TempDataDir _batchDir = new();
    private readonly TempDataDir _oneByOneDir = new();
    private readonly PbxDatabase _batched;
    private readonly PbxDatabase _oneByOne;

    public CallRollupBatchTests()
    {
        _batched = PbxDatabase.Open(_batchDir.Path, new FakeTimeProvider(Calls.T0));
        _oneByOne = PbxDatabase.Open(_oneByOneDir.Path, new FakeTimeProvider(Calls.T0));
    }

    [Fact]
    public async Task Rollup_rows_of_a_batch_equal_those_of_the_same_records_written_one_by_one()
    {
        // Shared and distinct hours, days, regions and destinations; a refused record and a duplicate Call-ID count nowhere.
        List<CallRecord> records =
        [
            Calls.Answered("r1", Calls.T0, talkSeconds: 90),
            Calls.Answered("r2", Calls.T0.AddMinutes(20), talkSeconds: 30) with { Charge = 0.123m },
            Calls.Missed("r3", Calls.T0.AddMinutes(40)),
            Calls.Answered("r4", Calls.T0.AddHours(1), talkSeconds: 61) with { CallerRegion = "广州", Destination = "support" },
            Calls.Missed("r5", Calls.T0.AddDays(1)) with { CallerRegion = "", Destination = "" },
            Calls.Answered("r6", Calls.T0.AddDays(1).AddMinutes(5)) with { Outcome = CallOutcome.Voicemail },
            Calls.Answered("bad", Calls.T0) with { End = Calls.T0.AddSeconds(-1) },
            Calls.Answered("r1", Calls.T0.AddHours(3)),
            Calls.Missed("r7", Calls.T0.AddMinutes(59)) with { Outcome = CallOutcome.Blocked, OutcomeReason = "blacklist", Legs = [] },
        ];
        await new CallRecordWriter(_oneByOne).WriteAsync(Calls.Answered("before", Calls.T0.AddMinutes(1)));
        await new CallRecordWriter(_batched).WriteAsync(Calls.Answered("before", Calls.T0.AddMinutes(1)));

        var writer = new CallRecordWriter(_oneByOne);
        var oneByOne = new List<bool>();
        foreach (var record in records)
        {
            oneByOne.Add((await writer.WriteAsync(record)).Succeeded);
        }

        var batched = new CallRecordWriter(_batched).WriteMany(records).Select(r => r.Succeeded);

        Assert.Equal(oneByOne, batched);
        Assert.Equal([true, true, true, true, true, true, false, false, true], oneByOne);
        var expected = RollupRows(_oneByOne);
        Assert.Equal(12, expected.Count); // hours 3, regions per day 3 + 2, destinations per day 2 + 2
        Assert.Equal(expected, RollupRows(_batched));
    }

    [Fact]
    public void Sums_of_a_batch_that_rolled_back_do_not_reach_the_next_transaction()
    {
        var writer = new CallRecordWriter(_batched);
        // The charge overflows inside the transaction, after the first record was summed.
        Assert.ThrowsAny<OverflowException>(() => writer.WriteMany(
            [Calls.Answered("a", Calls.T0), Calls.Answered("absurd", Calls.T0) with { Charge = decimal.MaxValue / 10 }]));

        Assert.True(writer.Write(Calls.Answered("b", Calls.T0)).Succeeded);
        Assert.True(new CallRecordWriter(_oneByOne).Write(Calls.Answered("b", Calls.T0)).Succeeded);

        Assert.Equal(RollupRows(_oneByOne), RollupRows(_batched));
    }

    private static List<string> RollupRows(PbxDatabase db)
    {
        using var connection = db.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, hour_ms, key, calls, answered, missed, seconds, billed_s, charge_milli FROM call_rollup ORDER BY kind, hour_ms, key";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i))));
        }

        return rows;
    }

    public void Dispose()
    {
        _batched.Dispose();
        _oneByOne.Dispose();
        _batchDir.Dispose();
        _oneByOneDir.Dispose();
    }
}
