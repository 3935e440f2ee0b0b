using System.Collections.Immutable;
using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.CallRecords;

/// <summary>
/// Stores a finished call, its legs included, in one transaction: a reader sees all of it or none. The
/// statements are compiled once and bound in place (<see cref="PreparedStatement"/>); the report sums of a
/// transaction's records are added up first and written once per row (<see cref="CallRollup"/>).
/// </summary>
public sealed class CallRecordWriter(PbxDatabase database)
{
    private const string InsertCall = """
        INSERT INTO calls (call_id, caller, caller_region, called, entry_number, destination, start_ms, answer_ms, end_ms,
            duration_s, billed_s, charge_milli, outcome, outcome_reason, answered_by, digits, hunt_attempts, loss_permille, jitter_us,
            menu_choices, ced_heard)
        VALUES ($call_id, $caller, $region, $called, $entry, $destination, $start, $answer, $end,
            $duration, $billed, $charge, $outcome, $reason, $answered_by, $digits, $hunts, $loss, $jitter,
            $menus, $ced)
        ON CONFLICT (call_id) DO NOTHING
        """;

    private const string InsertLeg = """
        INSERT INTO call_legs (call_row, seq, kind, target, start_ms, answer_ms, end_ms, sip_status, loss_permille, jitter_us)
        VALUES ($row, $seq, $kind, $target, $start, $answer, $end, $status, $loss, $jitter)
        """;

    // Used inside the database's write gate only, like the statements.
    private readonly CallRollup _rollup = new();

    public async Task<WriteResult> WriteAsync(CallRecord record, CancellationToken cancellationToken = default)
    {
        var errors = CallRecordValidator.Validate(record);
        if (!errors.IsEmpty)
        {
            return WriteResult.Refused(errors);
        }

        return await database.WriteAsync((_, _) => Store(record), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="WriteAsync"/> for a thread that may block (the record writer's own).</summary>
    public WriteResult Write(CallRecord record)
    {
        var errors = CallRecordValidator.Validate(record);
        return errors.IsEmpty ? database.Write((_, _) => Store(record)) : WriteResult.Refused(errors);
    }

    /// <summary>Stores many records in one transaction (imports, seeding); each is validated and refused on its own.</summary>
    public async Task<ImmutableArray<WriteResult>> WriteManyAsync(IReadOnlyList<CallRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return await database.WriteAsync((_, _) => StoreMany(records), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="WriteManyAsync"/> for a thread that may block (the record writer's own).</summary>
    public ImmutableArray<WriteResult> WriteMany(IReadOnlyList<CallRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return database.Write((_, _) => StoreMany(records));
    }

    private WriteResult Store(CallRecord record)
    {
        _rollup.Begin();
        var result = Insert(record);
        _rollup.Write(database);
        return result;
    }

    private ImmutableArray<WriteResult> StoreMany(IReadOnlyList<CallRecord> records)
    {
        _rollup.Begin();
        var results = ImmutableArray.CreateBuilder<WriteResult>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var errors = CallRecordValidator.Validate(record);
            results.Add(errors.IsEmpty ? Insert(record) : WriteResult.Refused(errors));
        }

        _rollup.Write(database);
        return results.MoveToImmutable();
    }

    private WriteResult Insert(CallRecord record)
    {
        var insert = database.Statement(InsertCall);
        insert.Bind("$call_id", record.CallId);
        insert.Bind("$caller", record.Caller);
        insert.Bind("$region", record.CallerRegion);
        insert.Bind("$called", record.Called);
        insert.Bind("$entry", record.EntryNumber);
        insert.Bind("$destination", record.Destination);
        insert.Bind("$start", SqlTime.ToMs(record.Start));
        insert.Bind("$answer", SqlTime.ToMs(record.Answer));
        insert.Bind("$end", SqlTime.ToMs(record.End));
        insert.Bind("$duration", (long)record.Duration.TotalSeconds);
        insert.Bind("$billed", (long)record.BilledDuration.TotalSeconds);
        insert.Bind("$charge", ChargeUnits.ToMilli(record.Charge));
        insert.Bind("$outcome", (long)record.Outcome);
        insert.Bind("$reason", record.OutcomeReason);
        insert.Bind("$answered_by", record.AnsweredBy);
        insert.Bind("$digits", record.Digits);
        insert.Bind("$hunts", record.HuntAttempts);
        insert.Bind("$loss", Loss(record.Quality));
        insert.Bind("$jitter", JitterUs(record.Quality));
        insert.Bind("$menus", record.MenuChoices);
        insert.Bind("$ced", record.CedHeard ? 1 : 0);
        if (insert.ExecuteInsert() is not { } row)
        {
            // Idempotent on Call-ID: the engine may retry after a crash; the first record stands.
            return WriteResult.Refused([$"callId: {record.CallId} already recorded"]);
        }

        InsertLegs(row, record);
        CallExtensions.Add(database, row, record);
        _rollup.Add(record);
        return WriteResult.Stored(row);
    }

    private void InsertLegs(long row, CallRecord record)
    {
        var insert = database.Statement(InsertLeg);
        for (var i = 0; i < record.Legs.Length; i++)
        {
            var leg = record.Legs[i];
            insert.Bind("$row", row);
            insert.Bind("$seq", i);
            insert.Bind("$kind", (long)leg.Kind);
            insert.Bind("$target", leg.Target);
            insert.Bind("$start", SqlTime.ToMs(leg.Start));
            insert.Bind("$answer", SqlTime.ToMs(leg.Answer));
            insert.Bind("$end", SqlTime.ToMs(leg.End));
            insert.Bind("$status", leg.SipStatus);
            insert.Bind("$loss", Loss(leg.Quality));
            insert.Bind("$jitter", JitterUs(leg.Quality));
            insert.Execute();
        }
    }

    private static long? Loss(MediaQuality? quality) => quality?.LossPermille;

    private static long? JitterUs(MediaQuality? quality) => quality is { } q ? q.Jitter.Ticks / TimeSpan.TicksPerMicrosecond : null;
}
