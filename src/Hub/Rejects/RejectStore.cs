using System.Text.Json;
using Dapper;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Rejects;

/// <summary>
/// Where refused input goes: the channel it came in on, the caller, every problem, and the original bytes,
/// so an operator sees why and can replay it once corrected. Nothing refused is silently dropped.
/// </summary>
public sealed class RejectStore(HubDatabase database, TimeProvider clock)
{
    /// <param name="agency">the caller, as its credential (or inbound queue) proved it.</param>
    /// <param name="handoverId">for feedback: the handover it was posted to.</param>
    /// <param name="replayable">false for refusals whose content was not kept (a caller acting as someone else).</param>
    public async Task<long> AddAsync(string channel, string? agency, string? contentType, IReadOnlyList<ValidationProblem> problems,
        ReadOnlyMemory<byte> original, CancellationToken cancellationToken = default, Guid? handoverId = null, bool replayable = true)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        const string insert = """
            INSERT INTO rejects (received_at, channel, agency, content_type, problems, original, handover_id, replayable)
            VALUES (@At, @Channel, @Agency, @ContentType, @Problems, @Original, @HandoverId, @Replayable)
            """;
        var sql = database.Provider == DatabaseProvider.Postgres ? insert + " RETURNING id" : insert + "; SELECT last_insert_rowid()";
        return await connection.ExecuteScalarAsync<long>(sql, new
        {
            At = Epoch.Ms(clock.GetUtcNow()),
            Channel = channel,
            Agency = agency,
            ContentType = contentType,
            Problems = JsonSerializer.Serialize(problems.Select(p => new { path = p.Path, reason = p.Reason })),
            Original = original.ToArray(),
            HandoverId = handoverId?.ToString(),
            Replayable = replayable ? 1 : 0,
        }).ConfigureAwait(false);
    }
}
