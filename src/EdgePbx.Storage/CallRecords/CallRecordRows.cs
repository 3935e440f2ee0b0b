using System.Collections.Immutable;
using EdgePbx.Storage.Database;
using Microsoft.Data.Sqlite;

namespace EdgePbx.Storage.CallRecords;

/// <summary>The one place that knows the column order of call and leg rows.</summary>
internal static class CallRecordRows
{
    public const string CallColumns = """
        c.id, c.call_id, c.caller, c.caller_region, c.called, c.entry_number, c.destination, c.start_ms, c.answer_ms, c.end_ms,
        c.billed_s, c.charge_milli, c.outcome, c.outcome_reason, c.answered_by, c.digits, c.hunt_attempts, c.loss_permille, c.jitter_us,
        c.menu_choices, c.ced_heard
        """;

    public const string LegColumns = "l.call_row, l.kind, l.target, l.start_ms, l.answer_ms, l.end_ms, l.sip_status, l.loss_permille, l.jitter_us";

    public static StoredCall ReadCall(SqliteDataReader r, ImmutableArray<CallLeg> legs) => new(
        r.GetInt64(0),
        new CallRecord
        {
            CallId = r.GetString(1),
            Caller = r.GetString(2),
            CallerRegion = r.GetString(3),
            Called = r.GetString(4),
            EntryNumber = r.GetString(5),
            Destination = r.GetString(6),
            Start = SqlTime.FromMs(r.GetInt64(7)),
            Answer = r.IsDBNull(8) ? null : SqlTime.FromMs(r.GetInt64(8)),
            End = SqlTime.FromMs(r.GetInt64(9)),
            BilledDuration = TimeSpan.FromSeconds(r.GetInt64(10)),
            Charge = ChargeUnits.FromMilli(r.GetInt64(11)),
            Outcome = (CallOutcome)r.GetInt32(12),
            OutcomeReason = r.GetString(13),
            AnsweredBy = r.GetString(14),
            Digits = r.GetString(15),
            HuntAttempts = r.GetInt32(16),
            Quality = ReadQuality(r, 17),
            MenuChoices = r.GetString(19),
            CedHeard = r.GetInt64(20) != 0,
            Legs = legs,
        });

    public static long LegCallRow(SqliteDataReader r) => r.GetInt64(0);

    public static CallLeg ReadLeg(SqliteDataReader r) => new(
        (LegKind)r.GetInt32(1),
        r.GetString(2),
        SqlTime.FromMs(r.GetInt64(3)),
        r.IsDBNull(4) ? null : SqlTime.FromMs(r.GetInt64(4)),
        SqlTime.FromMs(r.GetInt64(5)),
        r.GetInt32(6),
        ReadQuality(r, 7));

    private static MediaQuality? ReadQuality(SqliteDataReader r, int ordinal) =>
        r.IsDBNull(ordinal)
            ? null
            : new MediaQuality(r.GetInt32(ordinal), TimeSpan.FromMicroseconds(r.IsDBNull(ordinal + 1) ? 0 : r.GetInt64(ordinal + 1)));
}
