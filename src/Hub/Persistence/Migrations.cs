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
        new(2, "rejects keep at most the adapter's size limit of the original and record the size that was received",
            _ => ["ALTER TABLE rejects ADD COLUMN original_size BIGINT NULL"]),
    ];

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
