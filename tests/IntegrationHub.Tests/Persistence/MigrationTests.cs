using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Tests.Persistence;

/// <summary>A database from before identity (one messageId space for everyone) is brought to today's shape, keeping what it holds.</summary>
public sealed class MigrationTests : IDisposable
{
    readonly string _directory = Path.Combine(Path.GetTempPath(), "hub-migration-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Submissions_and_feedback_of_the_first_release_move_to_their_scoped_tables()
    {
        Directory.CreateDirectory(_directory);
        using var database = HubDatabase.SqliteFile(Path.Combine(_directory, "hub.db"));
        await using (var connection = await database.OpenAsync())
        {
            // The first release's tables, with one handover and its receipt.
            await connection.ExecuteAsync("""
                CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE submissions (message_id TEXT PRIMARY KEY, handover_id TEXT NOT NULL, received_at BIGINT NOT NULL);
                CREATE TABLE handover_documents (handover_id TEXT PRIMARY KEY, sender TEXT NOT NULL, receiver TEXT NOT NULL, payload TEXT NOT NULL, payload_sha256 TEXT NOT NULL, received_at BIGINT NOT NULL);
                CREATE TABLE feedback_documents (message_id TEXT PRIMARY KEY, handover_id TEXT NOT NULL, kind TEXT NOT NULL, by_agency TEXT NOT NULL, payload TEXT NOT NULL, received_at BIGINT NOT NULL);
                INSERT INTO submissions VALUES ('m-1', 'h-1', 1);
                INSERT INTO handover_documents VALUES ('h-1', 'school-de-regenboog', 'bjz-noord-brabant', '{}', 'x', 1);
                INSERT INTO feedback_documents VALUES ('f-1', 'h-1', 'receipt', 'bjz-noord-brabant', '{}', 2);
                """);
        }

        await Schema.EnsureCreatedAsync(database);
        await Schema.EnsureCreatedAsync(database);

        await using var check = await database.OpenAsync();
        (await check.QuerySingleAsync<(string Sender, string MessageId, string HandoverId)>("SELECT sender, message_id, handover_id FROM handover_submissions"))
            .Should().Be(("school-de-regenboog", "m-1", "h-1"));
        (await check.QuerySingleAsync<(string HandoverId, string MessageId)>("SELECT handover_id, message_id FROM feedback_documents"))
            .Should().Be(("h-1", "f-1"));
        (await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'submissions'")).Should().Be(0);
        (await check.ExecuteScalarAsync<string>("SELECT value FROM settings WHERE key = 'schema_version'")).Should().Be(Migrations.Latest.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
