using System.Text.Json;
using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Rejects;

/// <summary>
/// Where refused input goes: the channel it came in on, the caller, every problem, and the original bytes,
/// so an operator sees why and can replay it once corrected. Nothing refused is silently dropped, but nor is
/// it kept without bound: at most the adapters' size limit of the original (the size received is recorded,
/// so a cut-off original is marked) and at most <see cref="MaxProblems"/> problems.
/// </summary>
public sealed class RejectStore(HubDatabase database, TimeProvider clock, AdapterContext? adapters = null)
{
    /// <summary>Enough for an operator to see what is wrong; a body with thousands of problems says nothing more with all of them.</summary>
    public const int MaxProblems = 100;

    /// <summary>The most of an original that is kept: no body the hub accepts is larger (AdapterContext.MaxBodyBytes).</summary>
    public int MaxOriginalBytes { get; } = adapters?.MaxBodyBytes ?? AdapterContext.DefaultMaxBodyBytes;

    /// <param name="agency">the caller, as its credential (or inbound queue) proved it.</param>
    /// <param name="handoverId">for feedback: the handover it was posted to.</param>
    /// <param name="replayable">false for refusals whose content was not kept (a caller acting as someone else).</param>
    public async Task<long> AddAsync(string channel, string? agency, string? contentType, IReadOnlyList<ValidationProblem> problems,
        ReadOnlyMemory<byte> original, CancellationToken cancellationToken = default, Guid? handoverId = null, bool replayable = true)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        const string insert = """
            INSERT INTO rejects (received_at, channel, agency, content_type, problems, original, original_size, handover_id, replayable)
            VALUES (@At, @Channel, @Agency, @ContentType, @Problems, @Original, @OriginalSize, @HandoverId, @Replayable)
            """;
        var sql = database.Provider == DatabaseProvider.Postgres ? insert + " RETURNING id" : insert + "; SELECT last_insert_rowid()";
        Telemetry.HubMetrics.Refused(channel, agency);
        return await connection.ExecuteScalarAsync<long>(sql, new
        {
            At = Epoch.Ms(clock.GetUtcNow()),
            Channel = channel,
            Agency = agency,
            ContentType = contentType,
            Problems = JsonSerializer.Serialize(Kept(problems).Select(p => new { path = p.Path, reason = p.Reason })),
            Original = original.Length > MaxOriginalBytes ? original[..MaxOriginalBytes].ToArray() : original.ToArray(),
            OriginalSize = (long)original.Length,
            HandoverId = handoverId?.ToString(),
            Replayable = replayable ? 1 : 0,
        }).ConfigureAwait(false);
    }

    static IEnumerable<ValidationProblem> Kept(IReadOnlyList<ValidationProblem> problems) =>
        problems.Count <= MaxProblems
            ? problems
            : problems.Take(MaxProblems - 1).Append(new ValidationProblem("/", $"and {problems.Count - MaxProblems + 1} more problem(s), not kept"));
}
