using EdgePbx.Storage.Database;

namespace EdgePbx.Storage.Tests.Support;

/// <summary>
/// Writes a call the way firmware at an older schema did (plain SQL against the tables of that time: no report
/// rollups before schema 5, hourly rollups for every kind at schema 5, daily region/destination rollups from schema 6 on), so upgrade tests start from the
/// databases older boxes really hold.
/// </summary>
public static class LegacyRows
{
    public static Task InsertCallAsync(PbxDatabase db, string callId, DateTimeOffset start, int outcome, int durationSeconds, long chargeMilli, string region, int schemaVersion) =>
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
            if (schemaVersion == 5)
            {
                command.CommandText += """
                    INSERT INTO call_rollup (kind, hour_ms, key, calls, answered, missed, seconds, billed_s, charge_milli)
                    VALUES (0, $start - $start % 3600000, '', 1, $outcome = 1, $outcome = 2, $duration, 60, $charge),
                           (1, $start - $start % 3600000, $region, 1, $outcome = 1, $outcome = 2, $duration, 60, $charge),
                           (2, $start - $start % 3600000, 'sales', 1, $outcome = 1, $outcome = 2, $duration, 60, $charge)
                    ON CONFLICT (kind, hour_ms, key) DO UPDATE SET calls = calls + 1, answered = answered + excluded.answered,
                        missed = missed + excluded.missed, seconds = seconds + excluded.seconds, billed_s = billed_s + excluded.billed_s,
                        charge_milli = charge_milli + excluded.charge_milli;
                    """;
            }
            else if (schemaVersion >= 6)
            {
                // Schemas 6 and later: hourly totals, region and destination sums per UTC day.
                command.CommandText += """
                    INSERT INTO call_rollup (kind, hour_ms, key, calls, answered, missed, seconds, billed_s, charge_milli)
                    VALUES (0, $start - $start % 3600000, '', 1, $outcome = 1, $outcome = 2, $duration, 60, $charge),
                           (1, $start - $start % 86400000, $region, 1, $outcome = 1, $outcome = 2, $duration, 60, $charge),
                           (2, $start - $start % 86400000, 'sales', 1, $outcome = 1, $outcome = 2, $duration, 60, $charge)
                    ON CONFLICT (kind, hour_ms, key) DO UPDATE SET calls = calls + 1, answered = answered + excluded.answered,
                        missed = missed + excluded.missed, seconds = seconds + excluded.seconds, billed_s = billed_s + excluded.billed_s,
                        charge_milli = charge_milli + excluded.charge_milli;
                    """;
            }

            if (schemaVersion >= 9)
            {
                // Schemas 9 and later: the writer indexes the call by every number its legs rang.
                command.CommandText += """
                    INSERT INTO call_extensions (extension, start_ms, call_row)
                    VALUES ('13800138000', $start, (SELECT id FROM calls WHERE call_id = $id));
                    """;
            }

            return command.ExecuteNonQuery();
        });
}
