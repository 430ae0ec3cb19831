using Dapper;

namespace IntegrationHub.Hub.Persistence;

/// <summary>
/// Changes to the tables after the first release, applied once each, in order, and recorded in
/// <c>settings.schema_version</c>. A fresh database is created in the first shape and migrated like any
/// other, so there is one path to the current shape. Runs under the schema lock (<see cref="Schema"/>).
/// </summary>
public static class Migrations
{
    sealed record Migration(int Version, string Why, Func<DatabaseProvider, IEnumerable<string>> Statements);

    static readonly Migration[] All =
    [
        new(1, "idempotency keys belong to their sender (handovers) and their handover (feedback); rejects know their handover and whether they may be replayed",
            Identity),
        new(2, "saga steps run in process in the unit of what causes them: no bus, so no inbox; due_claimed_at becomes the sweeper's lease",
            _ =>
            [
                "DROP TABLE IF EXISTS inbox",
                "UPDATE handovers SET due_claimed_at = NULL",
                // Bus events still unsent from before (a hub stopped mid-flight) have no consumer any more: parked, visible to operators.
                $"UPDATE outbox SET last_error = 'parked: a bus event of a hub before schema 2; its step must be redone by hand', locked_until = {long.MaxValue} WHERE destination = 'publish' AND dispatched_at IS NULL",
            ]),
        new(3, "steps that fail where no caller hears it are kept for operators", Faults),
        new(4, "the read model: report counters and lead-time buckets per cell, open escalations, kept by the steps; when a handover closed", ReadModel),
        new(5, "retention: when a handover's documents were purged, how far each agency has read its mailbox, what each purge run removed", Retention),
        new(6, "rejects keep at most the adapter's size limit of the original and record the size that was received",
            _ => ["ALTER TABLE rejects ADD COLUMN original_size BIGINT NULL"]),
        new(7, "the read model counts waiting lists and re-routes; rebuilt at the next start",
            _ =>
            [
                "ALTER TABLE report_counts ADD COLUMN now_waiting BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE report_counts ADD COLUMN reroutes_owed BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE report_counts ADD COLUMN rerouted BIGINT NOT NULL DEFAULT 0",
                "UPDATE settings SET value = '0' WHERE key = 'read_model_built'",
            ]),
        new(8, "retours: the answer to each inbound message, kept once per agency, message and status", Retour.RetourSchema.Statements),
        new(9, "the read model counts lack of capacity per receiver (ever waiting, waiting past the expected start, open no-capacity escalations); rebuilt at the next start",
            _ =>
            [
                "ALTER TABLE report_counts ADD COLUMN waited BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE report_counts ADD COLUMN waiting_overdue BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE report_counts ADD COLUMN no_capacity_open BIGINT NOT NULL DEFAULT 0",
                "UPDATE settings SET value = '0' WHERE key = 'read_model_built'",
            ]),
        new(10, "the chain around the child (docs/chain.md): signals and matches of the referral index, families, coordinators, plans, their watched deadlines, linked handovers",
            Signals.ChainSchema.Statements),
        new(11, "operators' lists at a million handovers: indexes in the lists' own order (newest first, escalations by level), none on the time of the last step",
            _ =>
            [
                // updated_at changes with every step; the lists order by submission, which does not.
                "DROP INDEX IF EXISTS ix_handovers_state",
                "DROP INDEX IF EXISTS ix_handovers_receiver",
                "DROP INDEX IF EXISTS ix_handovers_sender",
                "CREATE INDEX ix_handovers_submitted ON handovers (submitted_at, correlation_id)",
                "CREATE INDEX ix_handovers_state_submitted ON handovers (current_state, submitted_at, correlation_id)",
                "CREATE INDEX ix_handovers_sender_submitted ON handovers (sender, submitted_at, correlation_id)",
                "CREATE INDEX ix_handovers_receiver_submitted ON handovers (receiver, submitted_at, correlation_id)",
                "DROP INDEX IF EXISTS ix_open_escalations_order",
                "CREATE INDEX ix_open_escalations_list ON open_escalations (level DESC, overdue_since, handover_id, deadline_kind)",
            ]),
        new(12, "lead-time buckets also summed per agency pair and per municipality, the grains the reports read; rebuilt at the next start",
            _ =>
            [
                """
                CREATE TABLE lead_time_pairs (period TEXT NOT NULL, sender TEXT NOT NULL, receiver TEXT NOT NULL, metric TEXT NOT NULL,
                  bucket INTEGER NOT NULL, count BIGINT NOT NULL, PRIMARY KEY (period, sender, receiver, metric, bucket))
                """,
                """
                CREATE TABLE lead_time_municipalities (period TEXT NOT NULL, municipality TEXT NOT NULL, metric TEXT NOT NULL,
                  bucket INTEGER NOT NULL, count BIGINT NOT NULL, PRIMARY KEY (period, municipality, metric, bucket))
                """,
                "UPDATE settings SET value = '0' WHERE key = 'read_model_built'",
            ]),
        new(13, "each report cell counts the changes to its lead-time buckets, so a report re-reads only the cells that changed (LeadTimeCells)",
            _ => ["ALTER TABLE report_counts ADD COLUMN lead_time_changes BIGINT NOT NULL DEFAULT 0"]),
        new(14, "SQLite: the read model's tables kept in their key's order (WITHOUT ROWID), one b-tree each instead of a table and its key's index",
            ClusteredReadModel),
    ];

    /// <summary>
    /// A report's ordered read of the buckets looked every row up again from the key's index in the rowid table (the first
    /// report after a start at a million: 860 -> 670 ms clustered), and each upsert touched both. The tables as they are at
    /// schema 13, copied whole (a year at a million handovers: a few seconds, once). PostgreSQL has no such form.
    /// </summary>
    static IEnumerable<string> ClusteredReadModel(DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Sqlite)
            yield break;
        string[] counters =
        [
            "submitted", "delivered", "receipt_confirmed", "care_started", "rejected", "withdrawn", "completed",
            "deadlines_due", "deadlines_met_on_time", "escalations_l1", "escalations_l2", "escalations_l3", "escalations_resolved",
            "delivery_late", "now_submitted", "now_delivered", "now_receipt_confirmed", "now_care_started",
            "now_waiting", "reroutes_owed", "rerouted", "waited", "waiting_overdue", "no_capacity_open", "lead_time_changes",
        ];
        (string Table, string Columns, string Key)[] tables =
        [
            ("report_counts",
                "period TEXT NOT NULL, municipality TEXT NOT NULL, sender TEXT NOT NULL, receiver TEXT NOT NULL, age_band TEXT NOT NULL, "
                + string.Join(", ", counters.Select(c => $"{c} BIGINT NOT NULL DEFAULT 0")),
                "period, municipality, sender, receiver, age_band"),
            ("lead_time_buckets",
                "period TEXT NOT NULL, municipality TEXT NOT NULL, sender TEXT NOT NULL, receiver TEXT NOT NULL, age_band TEXT NOT NULL, "
                + "metric TEXT NOT NULL, bucket INTEGER NOT NULL, count BIGINT NOT NULL",
                "period, municipality, sender, receiver, age_band, metric, bucket"),
            ("lead_time_pairs",
                "period TEXT NOT NULL, sender TEXT NOT NULL, receiver TEXT NOT NULL, metric TEXT NOT NULL, bucket INTEGER NOT NULL, count BIGINT NOT NULL",
                "period, sender, receiver, metric, bucket"),
            ("lead_time_municipalities",
                "period TEXT NOT NULL, municipality TEXT NOT NULL, metric TEXT NOT NULL, bucket INTEGER NOT NULL, count BIGINT NOT NULL",
                "period, municipality, metric, bucket"),
        ];
        foreach (var (table, columns, key) in tables)
        {
            // The columns named, not *, so a copy never depends on the order earlier migrations added them in.
            var names = string.Join(", ", columns.Split(", ").Select(c => c.Split(' ')[0]));
            yield return $"CREATE TABLE {table}_clustered ({columns}, PRIMARY KEY ({key})) WITHOUT ROWID";
            yield return $"INSERT INTO {table}_clustered ({names}) SELECT {names} FROM {table}";
            yield return $"DROP TABLE {table}";
            yield return $"ALTER TABLE {table}_clustered RENAME TO {table}";
        }
    }

    public static int Latest => All[^1].Version;

    public static async Task<int> CurrentAsync(System.Data.Common.DbConnection connection) =>
        int.Parse(await connection.ExecuteScalarAsync<string>("SELECT value FROM settings WHERE key = 'schema_version'").ConfigureAwait(false) ?? "0");

    public static async Task ApplyAsync(HubDatabase database, System.Data.Common.DbConnection connection)
    {
        var current = await CurrentAsync(connection).ConfigureAwait(false);
        foreach (var migration in All.Where(m => m.Version > current))
        {
            await using var transaction = await database.BeginWriteAsync(connection).ConfigureAwait(false);
            foreach (var statement in migration.Statements(database.Provider))
                await connection.ExecuteAsync(statement, transaction: transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "INSERT INTO settings (key, value) VALUES ('schema_version', @V) ON CONFLICT (key) DO UPDATE SET value = @V",
                new { V = migration.Version.ToString() }, transaction).ConfigureAwait(false);
            await transaction.CommitAsync().ConfigureAwait(false);
        }
    }

    static IEnumerable<string> Retention(DatabaseProvider provider)
    {
        var identity = provider == DatabaseProvider.Postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        yield return "ALTER TABLE handovers ADD COLUMN documents_purged_at BIGINT NULL";
        yield return "CREATE TABLE mailbox_cursors (agency TEXT PRIMARY KEY, read_through BIGINT NOT NULL, at BIGINT NOT NULL)";
        yield return $"""
            CREATE TABLE purge_runs (
              id {identity}, at BIGINT NOT NULL, handovers BIGINT NOT NULL, feedback_documents BIGINT NOT NULL, rejects BIGINT NOT NULL,
              mailbox_entries BIGINT NOT NULL, sent_outbox_rows BIGINT NOT NULL, resolved_faults BIGINT NOT NULL)
            """;
        // Sent rows are found by when they were sent, not by scanning what is pending.
        yield return "CREATE INDEX ix_outbox_sent ON outbox (dispatched_at) WHERE dispatched_at IS NOT NULL";
    }

    static IEnumerable<string> ReadModel(DatabaseProvider provider)
    {
        yield return "ALTER TABLE handovers ADD COLUMN municipality TEXT NOT NULL DEFAULT ''";
        yield return "ALTER TABLE handovers ADD COLUMN closed_at BIGINT NULL";
        // Small sets the dashboard counts and lists, found without scanning every handover.
        yield return "CREATE INDEX ix_handovers_overdue ON handovers (submitted_at) WHERE overdue <> 0";
        yield return "CREATE INDEX ix_handovers_escalated ON handovers (open_escalation_level) WHERE open_escalation_level > 0";
        yield return "CREATE INDEX ix_handovers_closed ON handovers (closed_at) WHERE closed_at IS NOT NULL";
        // The counters as they were then (later migrations add their own): a migration never follows today's code.
        string[] then =
        [
            "submitted", "delivered", "receipt_confirmed", "care_started", "rejected", "withdrawn", "completed",
            "deadlines_due", "deadlines_met_on_time", "escalations_l1", "escalations_l2", "escalations_l3", "escalations_resolved",
            "delivery_late", "now_submitted", "now_delivered", "now_receipt_confirmed", "now_care_started",
        ];
        var counters = string.Join(", ", then.Select(c => $"{c} BIGINT NOT NULL DEFAULT 0"));
        yield return $"""
            CREATE TABLE report_counts (
              period TEXT NOT NULL, municipality TEXT NOT NULL, sender TEXT NOT NULL, receiver TEXT NOT NULL, age_band TEXT NOT NULL,
              {counters},
              PRIMARY KEY (period, municipality, sender, receiver, age_band))
            """;
        yield return """
            CREATE TABLE lead_time_buckets (
              period TEXT NOT NULL, municipality TEXT NOT NULL, sender TEXT NOT NULL, receiver TEXT NOT NULL, age_band TEXT NOT NULL,
              metric TEXT NOT NULL, bucket INTEGER NOT NULL, count BIGINT NOT NULL,
              PRIMARY KEY (period, municipality, sender, receiver, age_band, metric, bucket))
            """;
        yield return """
            CREATE TABLE open_escalations (
              handover_id TEXT NOT NULL, level INTEGER NOT NULL, deadline_kind TEXT NOT NULL,
              sender TEXT NOT NULL, receiver TEXT NOT NULL, municipality TEXT NOT NULL,
              overdue_since BIGINT NOT NULL, raised_at BIGINT NOT NULL, addressees TEXT NOT NULL,
              PRIMARY KEY (handover_id, level, deadline_kind))
            """;
        yield return "CREATE INDEX ix_open_escalations_order ON open_escalations (level, overdue_since)";
        // Built from the stored sagas at the next start (ReadModelRebuild), so existing handovers count too.
        yield return "INSERT INTO settings (key, value) VALUES ('read_model_built', '0') ON CONFLICT (key) DO UPDATE SET value = '0'";
        _ = provider;
    }

    static IEnumerable<string> Faults(DatabaseProvider provider)
    {
        var identity = provider == DatabaseProvider.Postgres ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        yield return $"""
            CREATE TABLE faults (
              id {identity},
              handover_id TEXT NOT NULL,
              step TEXT NOT NULL,
              error TEXT NOT NULL,
              attempts INTEGER NOT NULL,
              first_at BIGINT NOT NULL,
              last_at BIGINT NOT NULL,
              resolved_at BIGINT NULL)
            """;
        // One open fault per handover and step: a repeated failure counts up instead of piling rows.
        yield return "CREATE UNIQUE INDEX ux_faults_open ON faults (handover_id, step) WHERE resolved_at IS NULL";
    }

    static IEnumerable<string> Identity(DatabaseProvider provider)
    {
        // The same messageId from two agencies is two messages (API.md, Identity). Rows from before carry no
        // content hash ('migrated'): a resend of one of them counts as the same message, as it did then.
        yield return """
            CREATE TABLE handover_submissions (
              sender TEXT NOT NULL,
              message_id TEXT NOT NULL,
              handover_id TEXT NOT NULL,
              payload_sha256 TEXT NOT NULL,
              received_at BIGINT NOT NULL,
              PRIMARY KEY (sender, message_id))
            """;
        yield return """
            INSERT INTO handover_submissions (sender, message_id, handover_id, payload_sha256, received_at)
            SELECT d.sender, s.message_id, s.handover_id, 'migrated', s.received_at
            FROM submissions s JOIN handover_documents d ON d.handover_id = s.handover_id
            """;
        yield return "DROP TABLE submissions";
        // Feedback message ids are scoped to their handover.
        yield return """
            CREATE TABLE feedback_received (
              handover_id TEXT NOT NULL,
              message_id TEXT NOT NULL,
              kind TEXT NOT NULL,
              by_agency TEXT NOT NULL,
              payload TEXT NOT NULL,
              payload_sha256 TEXT NOT NULL,
              received_at BIGINT NOT NULL,
              PRIMARY KEY (handover_id, message_id))
            """;
        yield return """
            INSERT INTO feedback_received (handover_id, message_id, kind, by_agency, payload, payload_sha256, received_at)
            SELECT handover_id, message_id, kind, by_agency, payload, 'migrated', received_at FROM feedback_documents
            """;
        yield return "DROP TABLE feedback_documents";
        yield return "ALTER TABLE feedback_received RENAME TO feedback_documents";
        yield return "ALTER TABLE rejects ADD COLUMN handover_id TEXT NULL";
        // A refusal of who the caller is stores no content (API.md): there is nothing to replay.
        yield return "ALTER TABLE rejects ADD COLUMN replayable INTEGER NOT NULL DEFAULT 1";
        _ = provider;
    }
}
