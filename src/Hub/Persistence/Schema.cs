using Dapper;

namespace IntegrationHub.Hub.Persistence;

/// <summary>Creates the hub's tables when missing. Idempotent, so every instance may run it at start.</summary>
public static class Schema
{
    public static async Task EnsureCreatedAsync(HubDatabase database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (database.Provider == DatabaseProvider.Postgres)
            // Two instances starting together must not both create tables: serialise on an advisory lock.
            await connection.ExecuteAsync("SELECT pg_advisory_lock(4242)").ConfigureAwait(false);
        if (database.Provider == DatabaseProvider.Sqlite)
            // WAL lets readers (the view, operators) read while the saga writes.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL").ConfigureAwait(false);
        try
        {
            // The first release's tables, created only where no migration has run yet (a new database, or
            // one from before migrations): later changes, new tables included, belong to Migrations.
            await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)").ConfigureAwait(false);
            if (await Migrations.CurrentAsync(connection).ConfigureAwait(false) == 0)
                foreach (var statement in FirstRelease(database.Provider))
                    await connection.ExecuteAsync(statement).ConfigureAwait(false);
            await Migrations.ApplyAsync(database, connection).ConfigureAwait(false);
        }
        finally
        {
            if (database.Provider == DatabaseProvider.Postgres)
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(4242)").ConfigureAwait(false);
        }
    }

    static IEnumerable<string> FirstRelease(DatabaseProvider provider)
    {
        var identity = provider == DatabaseProvider.Postgres
            ? "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
            : "INTEGER PRIMARY KEY AUTOINCREMENT";

        // The first release's shape; Migrations brings it to today's. Idempotency of POST /api/handovers.
        yield return """
            CREATE TABLE IF NOT EXISTS submissions (
              message_id TEXT PRIMARY KEY,
              handover_id TEXT NOT NULL,
              received_at BIGINT NOT NULL)
            """;
        // The accepted document, kept so it can be delivered (and redelivered) to the receiver only.
        yield return """
            CREATE TABLE IF NOT EXISTS handover_documents (
              handover_id TEXT PRIMARY KEY,
              sender TEXT NOT NULL,
              receiver TEXT NOT NULL,
              payload TEXT NOT NULL,
              payload_sha256 TEXT NOT NULL,
              received_at BIGINT NOT NULL)
            """;
        yield return """
            CREATE TABLE IF NOT EXISTS feedback_documents (
              message_id TEXT PRIMARY KEY,
              handover_id TEXT NOT NULL,
              kind TEXT NOT NULL,
              by_agency TEXT NOT NULL,
              payload TEXT NOT NULL,
              received_at BIGINT NOT NULL)
            """;
        // Saga state: indexed columns for the operator's questions, the rest as JSON.
        yield return """
            CREATE TABLE IF NOT EXISTS handovers (
              correlation_id TEXT PRIMARY KEY,
              current_state TEXT NOT NULL,
              version INTEGER NOT NULL,
              sender TEXT NOT NULL,
              receiver TEXT NOT NULL,
              urgency TEXT NOT NULL,
              submitted_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL,
              next_due_at BIGINT NULL,
              due_claimed_at BIGINT NULL,
              overdue INTEGER NOT NULL DEFAULT 0,
              open_escalation_level INTEGER NOT NULL DEFAULT 0,
              data TEXT NOT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS ix_handovers_next_due ON handovers (next_due_at)";
        yield return "CREATE INDEX IF NOT EXISTS ix_handovers_state ON handovers (current_state, updated_at)";
        yield return "CREATE INDEX IF NOT EXISTS ix_handovers_receiver ON handovers (receiver, current_state)";
        yield return "CREATE INDEX IF NOT EXISTS ix_handovers_sender ON handovers (sender, current_state)";
        // Inbox: a consumer handles each message id once, whatever the broker redelivers.
        yield return """
            CREATE TABLE IF NOT EXISTS inbox (
              consumer TEXT NOT NULL,
              message_id TEXT NOT NULL,
              received_at BIGINT NOT NULL,
              PRIMARY KEY (consumer, message_id))
            """;
        // Outbox: what the hub must still put on the bus, written in the same transaction as the state.
        yield return $"""
            CREATE TABLE IF NOT EXISTS outbox (
              id {identity},
              message_id TEXT NOT NULL UNIQUE,
              destination TEXT NOT NULL,
              message_type TEXT NOT NULL,
              body TEXT NOT NULL,
              created_at BIGINT NOT NULL,
              dispatched_at BIGINT NULL,
              locked_until BIGINT NULL,
              claim_token TEXT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              last_error TEXT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS ix_outbox_pending ON outbox (dispatched_at, id)";
        yield return "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)";
        // Everything the hub refused, with the reason and the original bytes, for operators to see and replay.
        yield return $"""
            CREATE TABLE IF NOT EXISTS rejects (
              id {identity},
              received_at BIGINT NOT NULL,
              channel TEXT NOT NULL,
              agency TEXT NULL,
              content_type TEXT NULL,
              problems TEXT NOT NULL,
              original BYTEA_OR_BLOB NOT NULL,
              replayed_at BIGINT NULL,
              replay_result TEXT NULL)
            """.Replace("BYTEA_OR_BLOB", provider == DatabaseProvider.Postgres ? "BYTEA" : "BLOB");
        yield return "CREATE INDEX IF NOT EXISTS ix_rejects_received ON rejects (received_at)";
        // The auditors' hash-chained delivery log (src/Hub/Audit, docs/audit.md). Append-only. The hub
        // writes seq itself under its append lock, so the identity is BY DEFAULT and only a fallback.
        yield return $"""
            CREATE TABLE IF NOT EXISTS delivery_log (
              seq {(provider == DatabaseProvider.Postgres ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT")},
              at_ms BIGINT NOT NULL,
              message_id TEXT NOT NULL,
              handover_id TEXT NULL,
              sender TEXT NULL,
              receiver TEXT NULL,
              kind TEXT NOT NULL,
              purpose TEXT NULL,
              legal_basis TEXT NULL,
              subject_key TEXT NULL,
              payload_sha256 TEXT NOT NULL,
              outcome TEXT NOT NULL,
              channel TEXT NULL,
              prev_hash TEXT NOT NULL,
              entry_hash TEXT NOT NULL)
            """;
        yield return "CREATE INDEX IF NOT EXISTS ix_delivery_log_at ON delivery_log (at_ms)";
        // PostgreSQL only: entries committed with their facts but not yet chained (DeliveryLogChainer).
        yield return $"CREATE TABLE IF NOT EXISTS delivery_log_staged (id {identity}, entry TEXT NOT NULL)";
        // Embedded transport only: what each agency received, in its own format, so the demo can show it.
        yield return $"""
            CREATE TABLE IF NOT EXISTS agency_mailbox (
              id {identity},
              mail_id TEXT NOT NULL UNIQUE,
              agency TEXT NOT NULL,
              kind TEXT NOT NULL,
              handover_id TEXT NOT NULL,
              content_type TEXT NOT NULL,
              body BYTEA_OR_BLOB NOT NULL,
              at BIGINT NOT NULL)
            """.Replace("BYTEA_OR_BLOB", provider == DatabaseProvider.Postgres ? "BYTEA" : "BLOB");
        yield return "CREATE INDEX IF NOT EXISTS ix_agency_mailbox_agency ON agency_mailbox (agency, id)";
    }
}
