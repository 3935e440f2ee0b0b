using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.Tests.Support;

/// <summary>
/// Writes a call the way firmware at schema 1..4 did (plain SQL against the tables of that time, no report
/// rollups), so upgrade tests start from the databases older boxes really hold.
/// </summary>
public static class LegacyRows
{
    public static Task InsertCallAsync(PbxDatabase db, string callId, DateTimeOffset start, int outcome, int durationSeconds, long chargeMilli, string region) =>
        db.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO calls (call_id, caller, caller_region, called, entry_number, destination, start_ms, answer_ms, end_ms,
                    duration_s, billed_s, charge_milli, outcome, outcome_reason, answered_by, digits, hunt_attempts, loss_permille, jitter_us)
                VALUES ($id, '13800138000', $region, '02160001234', '4008001234', 'sales', $start, NULL, $end,
                    $duration, 60, $charge, $outcome, '', '', '', 0, NULL, NULL);
                INSERT INTO call_legs (call_row, seq, kind, target, start_ms, answer_ms, end_ms, sip_status, loss_permille, jitter_us)
                VALUES (last_insert_rowid(), 0, 1, '13800138000', $start, NULL, $end, 487, NULL, NULL);
                """;
            command.Parameters.AddWithValue("$id", callId);
            command.Parameters.AddWithValue("$region", region);
            command.Parameters.AddWithValue("$start", start.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$end", start.AddSeconds(durationSeconds).ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$duration", durationSeconds);
            command.Parameters.AddWithValue("$charge", chargeMilli);
            command.Parameters.AddWithValue("$outcome", outcome);
            return command.ExecuteNonQuery();
        });
}
