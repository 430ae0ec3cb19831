using System.Text.Json;
using Dapper;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Rejects;

/// <summary>
/// Where refused input goes: the channel it came in on, every problem, and the original bytes, so an
/// operator sees why and can replay it once corrected. Nothing refused is silently dropped.
/// </summary>
public sealed class RejectStore(HubDatabase database, TimeProvider clock)
{
    public async Task<long> AddAsync(string channel, string? agency, string? contentType, IReadOnlyList<ValidationProblem> problems,
        ReadOnlyMemory<byte> original, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var sql = database.Provider == DatabaseProvider.Postgres
            ? "INSERT INTO rejects (received_at, channel, agency, content_type, problems, original) VALUES (@At, @Channel, @Agency, @ContentType, @Problems, @Original) RETURNING id"
            : "INSERT INTO rejects (received_at, channel, agency, content_type, problems, original) VALUES (@At, @Channel, @Agency, @ContentType, @Problems, @Original); SELECT last_insert_rowid()";
        return await connection.ExecuteScalarAsync<long>(sql, new
        {
            At = Epoch.Ms(clock.GetUtcNow()),
            Channel = channel,
            Agency = agency,
            ContentType = contentType,
            Problems = JsonSerializer.Serialize(problems.Select(p => new { path = p.Path, reason = p.Reason })),
            Original = original.ToArray(),
        }).ConfigureAwait(false);
    }
}
