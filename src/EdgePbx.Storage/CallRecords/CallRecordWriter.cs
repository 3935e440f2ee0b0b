using System.Collections.Immutable;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.CallRecords;

/// <summary>Stores a finished call, its legs included, in one transaction: a reader sees all of it or none.</summary>
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
        RETURNING id
        """;

    private const string InsertLeg = """
        INSERT INTO call_legs (call_row, seq, kind, target, start_ms, answer_ms, end_ms, sip_status, loss_permille, jitter_us)
        VALUES ($row, $seq, $kind, $target, $start, $answer, $end, $status, $loss, $jitter)
        """;

    public async Task<WriteResult> WriteAsync(CallRecord record, CancellationToken cancellationToken = default)
    {
        var errors = CallRecordValidator.Validate(record);
        if (!errors.IsEmpty)
        {
            return WriteResult.Refused(errors);
        }

        return await database.WriteAsync((_, transaction) => Insert(database, transaction, record), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Stores many records in one transaction (imports, seeding); each is validated and refused on its own.</summary>
    public async Task<ImmutableArray<WriteResult>> WriteManyAsync(IReadOnlyList<CallRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return await database.WriteAsync((_, transaction) =>
        {
            var results = ImmutableArray.CreateBuilder<WriteResult>(records.Count);
            foreach (var record in records)
            {
                var errors = CallRecordValidator.Validate(record);
                results.Add(errors.IsEmpty ? Insert(database, transaction, record) : WriteResult.Refused(errors));
            }

            return results.MoveToImmutable();
        }, cancellationToken).ConfigureAwait(false);
    }

    private static WriteResult Insert(PbxDatabase database, SqliteTransaction transaction, CallRecord record)
    {
        var command = database.Prepared(transaction, InsertCall);
        var p = command.Parameters;
        p.AddWithValue("$call_id", record.CallId);
        p.AddWithValue("$caller", record.Caller);
        p.AddWithValue("$region", record.CallerRegion);
        p.AddWithValue("$called", record.Called);
        p.AddWithValue("$entry", record.EntryNumber);
        p.AddWithValue("$destination", record.Destination);
        p.AddWithValue("$start", SqlTime.ToMs(record.Start));
        p.AddWithValue("$answer", SqlTime.ToDb(record.Answer));
        p.AddWithValue("$end", SqlTime.ToMs(record.End));
        p.AddWithValue("$duration", (long)record.Duration.TotalSeconds);
        p.AddWithValue("$billed", (long)record.BilledDuration.TotalSeconds);
        p.AddWithValue("$charge", ChargeUnits.ToMilli(record.Charge));
        p.AddWithValue("$outcome", (int)record.Outcome);
        p.AddWithValue("$reason", record.OutcomeReason);
        p.AddWithValue("$answered_by", record.AnsweredBy);
        p.AddWithValue("$digits", record.Digits);
        p.AddWithValue("$hunts", record.HuntAttempts);
        p.AddWithValue("$menus", record.MenuChoices);
        p.AddWithValue("$ced", record.CedHeard ? 1 : 0);
        AddQuality(p, record.Quality);
        var id = command.ExecuteScalar();
        if (id is null)
        {
            // Idempotent on Call-ID: the engine may retry after a crash; the first record stands.
            return WriteResult.Refused([$"callId: {record.CallId} already recorded"]);
        }

        var row = (long)id;
        InsertLegs(database, transaction, row, record);
        CallExtensions.Add(database, transaction, row, record);
        CallRollup.Add(database, transaction, record);
        return WriteResult.Stored(row);
    }

    private static void InsertLegs(PbxDatabase database, SqliteTransaction transaction, long row, CallRecord record)
    {
        var command = database.Prepared(transaction, InsertLeg);
        var p = command.Parameters;
        var rowP = p.Add("$row", SqliteType.Integer);
        var seq = p.Add("$seq", SqliteType.Integer);
        var kind = p.Add("$kind", SqliteType.Integer);
        var target = p.Add("$target", SqliteType.Text);
        var start = p.Add("$start", SqliteType.Integer);
        var answer = p.Add("$answer", SqliteType.Integer);
        var end = p.Add("$end", SqliteType.Integer);
        var status = p.Add("$status", SqliteType.Integer);
        var loss = p.Add("$loss", SqliteType.Integer);
        var jitter = p.Add("$jitter", SqliteType.Integer);
        rowP.Value = row;
        for (var i = 0; i < record.Legs.Length; i++)
        {
            var leg = record.Legs[i];
            seq.Value = i;
            kind.Value = (int)leg.Kind;
            target.Value = leg.Target;
            start.Value = SqlTime.ToMs(leg.Start);
            answer.Value = SqlTime.ToDb(leg.Answer);
            end.Value = SqlTime.ToMs(leg.End);
            status.Value = leg.SipStatus;
            loss.Value = leg.Quality is { } q ? q.LossPermille : DBNull.Value;
            jitter.Value = leg.Quality is { } j ? (long)(j.Jitter.Ticks / TimeSpan.TicksPerMicrosecond) : DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    private static void AddQuality(SqliteParameterCollection p, MediaQuality? quality)
    {
        p.AddWithValue("$loss", quality is { } q ? q.LossPermille : DBNull.Value);
        p.AddWithValue("$jitter", quality is { } j ? j.Jitter.Ticks / TimeSpan.TicksPerMicrosecond : DBNull.Value);
    }
}
