using System.Collections.Immutable;

namespace EdgePbx.Storage.Database;

/// <summary>
/// The schema history. A shipped migration is never edited: boxes in the field hold databases made by
/// every earlier step, so changes are always a new, higher-numbered step.
/// </summary>
public static class Migrations
{
    public static ImmutableArray<Migration> All { get; } =
    [
        new(1, "call records and legs", """
            CREATE TABLE calls (
                id INTEGER PRIMARY KEY,
                call_id TEXT NOT NULL UNIQUE,
                caller TEXT NOT NULL,
                caller_region TEXT NOT NULL,
                called TEXT NOT NULL,
                entry_number TEXT NOT NULL,
                destination TEXT NOT NULL,
                start_ms INTEGER NOT NULL,
                answer_ms INTEGER,
                end_ms INTEGER NOT NULL,
                duration_s INTEGER NOT NULL,
                billed_s INTEGER NOT NULL,
                charge_milli INTEGER NOT NULL,
                outcome INTEGER NOT NULL,
                outcome_reason TEXT NOT NULL,
                answered_by TEXT NOT NULL,
                digits TEXT NOT NULL,
                hunt_attempts INTEGER NOT NULL,
                loss_permille INTEGER,
                jitter_us INTEGER
            );
            CREATE TABLE call_legs (
                call_row INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                target TEXT NOT NULL,
                start_ms INTEGER NOT NULL,
                answer_ms INTEGER,
                end_ms INTEGER NOT NULL,
                sip_status INTEGER NOT NULL,
                loss_permille INTEGER,
                jitter_us INTEGER,
                PRIMARY KEY (call_row, seq)
            ) WITHOUT ROWID;
            -- Search: each filter has an index that is ordered by time so paging walks it without sorting.
            CREATE INDEX calls_by_start ON calls(start_ms, id);
            CREATE INDEX calls_by_caller ON calls(caller, start_ms);
            CREATE INDEX calls_by_called ON calls(called, start_ms);
            CREATE INDEX calls_by_answered_by ON calls(answered_by, start_ms);
            CREATE INDEX legs_by_target ON call_legs(target);
            """),
        new(2, "registrar bindings, voicemail index", """
            CREATE TABLE bindings (
                aor TEXT NOT NULL,
                contact TEXT NOT NULL,
                call_id TEXT NOT NULL,
                cseq INTEGER NOT NULL,
                expires_ms INTEGER NOT NULL,
                user_agent TEXT NOT NULL,
                source TEXT NOT NULL,
                PRIMARY KEY (aor, contact)
            ) WITHOUT ROWID;
            CREATE TABLE voicemail (
                id INTEGER PRIMARY KEY,
                mailbox TEXT NOT NULL,
                caller TEXT NOT NULL,
                received_ms INTEGER NOT NULL,
                duration_s INTEGER NOT NULL,
                file_name TEXT NOT NULL,
                heard INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX voicemail_by_mailbox ON voicemail(mailbox, received_ms);
            """),
        new(3, "plan history, installer accounts, audit log", """
            CREATE TABLE plan_history (
                id INTEGER PRIMARY KEY,
                version TEXT NOT NULL,
                plan_json TEXT NOT NULL,
                applied_ms INTEGER NOT NULL,
                is_current INTEGER NOT NULL DEFAULT 0,
                last_known_good INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE accounts (
                user_name TEXT PRIMARY KEY,
                password_hash TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                changed_ms INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                at_ms INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                detail TEXT NOT NULL
            );
            CREATE INDEX audit_by_time ON audit_log(at_ms);
            """),
        new(4, "covering index for reports", """
            -- Every report groups calls in a time range by one column and sums a few numbers; with this
            -- index SQLite answers them from the index alone without touching the wider table rows.
            CREATE INDEX calls_for_reports ON calls(start_ms, outcome, caller_region, destination, duration_s, billed_s, charge_milli);
            """),
        new(5, "hourly report rollups replace the covering index", """
            -- Migration 4's index still meant reading every call in range: about 2 s for three months
            -- (1,000,000 calls) on the box. Reports now read per-hour sums, kept up to date in the same
            -- transaction as each call record, and only the partial hours at the ends of a range read calls.
            -- kind 0: all calls of the hour (key ''); 1: per caller region; 2: per destination.
            CREATE TABLE call_rollup (
                kind INTEGER NOT NULL,
                hour_ms INTEGER NOT NULL,
                key TEXT NOT NULL,
                calls INTEGER NOT NULL,
                answered INTEGER NOT NULL,
                missed INTEGER NOT NULL,
                seconds INTEGER NOT NULL,
                billed_s INTEGER NOT NULL,
                charge_milli INTEGER NOT NULL,
                PRIMARY KEY (kind, hour_ms, key)
            ) WITHOUT ROWID;
            INSERT INTO call_rollup
                SELECT 0, start_ms - start_ms % 3600000, '', COUNT(*), SUM(outcome = 1), SUM(outcome = 2), SUM(duration_s), SUM(billed_s), SUM(charge_milli)
                FROM calls GROUP BY 2;
            INSERT INTO call_rollup
                SELECT 1, start_ms - start_ms % 3600000, caller_region, COUNT(*), SUM(outcome = 1), SUM(outcome = 2), SUM(duration_s), SUM(billed_s), SUM(charge_milli)
                FROM calls GROUP BY 2, 3;
            INSERT INTO call_rollup
                SELECT 2, start_ms - start_ms % 3600000, destination, COUNT(*), SUM(outcome = 1), SUM(outcome = 2), SUM(duration_s), SUM(billed_s), SUM(charge_milli)
                FROM calls GROUP BY 2, 3;
            DROP INDEX calls_for_reports;
            """),
        new(6, "region and destination rollups per day", """
            -- Measured on 1,000,000 calls: hourly rows per region (2,160 hours x 30 regions) still took 0.5 s to
            -- group. Per UTC day they are 24 times fewer; the partial days at a range's ends read call rows.
            -- hour_ms of kinds 1 and 2 is now the start of the UTC day.
            DELETE FROM call_rollup WHERE kind IN (1, 2);
            INSERT INTO call_rollup
                SELECT 1, start_ms - start_ms % 86400000, caller_region, COUNT(*), SUM(outcome = 1), SUM(outcome = 2), SUM(duration_s), SUM(billed_s), SUM(charge_milli)
                FROM calls GROUP BY 2, 3;
            INSERT INTO call_rollup
                SELECT 2, start_ms - start_ms % 86400000, destination, COUNT(*), SUM(outcome = 1), SUM(outcome = 2), SUM(duration_s), SUM(billed_s), SUM(charge_milli)
                FROM calls GROUP BY 2, 3;
            """),
        new(7, "phone accounts (SIP password, voicemail PIN)", """
            -- The plan comes from the cloud and carries no secrets; each extension's SIP password and
            -- voicemail PIN stay on the box, here. The SIP password is kept as given because digest
            -- authentication (RFC 3261 22.4) needs it (or a realm-bound hash) to check a phone's response.
            CREATE TABLE phone_accounts (
                extension TEXT PRIMARY KEY,
                sip_password TEXT,
                voicemail_pin TEXT,
                updated_ms INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
        new(8, "menu choices and fax answer tone on call records", """
            -- The IVR keeps the menu path of each call ("main:1 sales:9 main:2") beside the digits pressed, and
            -- a call whose outbound leg answered with CED (2100 Hz, a fax machine) says so. Older rows: none.
            ALTER TABLE calls ADD COLUMN menu_choices TEXT NOT NULL DEFAULT '';
            ALTER TABLE calls ADD COLUMN ced_heard INTEGER NOT NULL DEFAULT 0;
            """),
        new(9, "calls per extension, newest first", """
            -- Search by extension (answered by it, or any leg rang it) read every matching call through
            -- legs_by_target and sorted them: 199 ms for one extension's 25,000 calls among 1,000,000. One
            -- row per (extension, call) ordered by the call's start answers "newest 50 of 101" from the index.
            CREATE TABLE call_extensions (
                extension TEXT NOT NULL,
                start_ms INTEGER NOT NULL,
                call_row INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
                PRIMARY KEY (extension, start_ms, call_row)
            ) WITHOUT ROWID;
            -- The cascade from retention's DELETE FROM calls finds a call's rows through this index.
            CREATE INDEX call_extensions_by_call ON call_extensions(call_row);
            INSERT OR IGNORE INTO call_extensions (extension, start_ms, call_row)
                SELECT answered_by, start_ms, id FROM calls WHERE answered_by <> '';
            INSERT OR IGNORE INTO call_extensions (extension, start_ms, call_row)
                SELECT l.target, c.start_ms, c.id FROM call_legs l JOIN calls c ON c.id = l.call_row WHERE l.target <> '';
            """),
        new(10, "message-waiting subscriptions", """
            -- A phone's message-summary subscription (RFC 3842, RFC 6665) is a dialog the box must keep serving
            -- after a restart: otherwise its lamp is wrong until the phone next refreshes (often an hour).
            -- One row per subscription dialog; our CSeq is saved on subscribe and refresh only.
            CREATE TABLE subscriptions (
                call_id TEXT NOT NULL,
                local_tag TEXT NOT NULL,
                remote_tag TEXT NOT NULL,
                event TEXT NOT NULL,
                package TEXT NOT NULL,
                resource TEXT NOT NULL,
                subscriber TEXT NOT NULL,
                local_uri TEXT NOT NULL,
                remote_uri TEXT NOT NULL,
                remote_target TEXT NOT NULL,
                route_set TEXT NOT NULL,
                local_seq INTEGER NOT NULL,
                remote_seq INTEGER NOT NULL,
                peer TEXT NOT NULL,
                expires_ms INTEGER NOT NULL,
                PRIMARY KEY (call_id, local_tag, remote_tag, event)
            ) WITHOUT ROWID;
            """),
        new(11, "drop the call indexes no query reads", """
            -- Since migration 9, search by extension (answered by it or rung) pages from call_extensions, and no
            -- query looks calls up by answered_by or legs by target any more. Each of these two indexes still cost a
            -- B-tree insert (and its page written again to the WAL) with every record and leg, and room in the file
            -- for three months of calls.
            DROP INDEX calls_by_answered_by;
            DROP INDEX legs_by_target;
            """),
    ];

    public static int Latest => All[^1].Number;
}
