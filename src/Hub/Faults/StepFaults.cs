using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Faults;

/// <summary>
/// A step of a handover that failed where no caller hears it (a delivery recorded with its mail, a deadline
/// fired by the sweep), or failed under an intake that then answered 500: kept for operators
/// (GET /api/operator/faults), one row per handover and step, counting attempts, until it succeeds again.
/// The error is the exception's type and message from the hub's own code: ids and rules, never a document.
/// </summary>
public sealed class StepFaults(HubDatabase database, TimeProvider clock, ILogger<StepFaults> logger)
{
    const int MaxErrorLength = 500;

    public async Task RecordAsync(Guid? handoverId, string step, Exception error, CancellationToken cancellationToken = default)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        if (text.Length > MaxErrorLength)
            text = text[..MaxErrorLength];
        logger.LogError(error, "Handover {HandoverId}: step {Step} failed", handoverId, step);
        try
        {
            var now = Epoch.Ms(clock.GetUtcNow());
            await database.WriteAsync(scope => scope.Connection.ExecuteAsync(
                """
                INSERT INTO faults (handover_id, step, error, attempts, first_at, last_at)
                VALUES (@HandoverId, @Step, @Error, 1, @Now, @Now)
                ON CONFLICT (handover_id, step) WHERE resolved_at IS NULL
                DO UPDATE SET attempts = faults.attempts + 1, error = excluded.error, last_at = excluded.last_at
                """, new { HandoverId = handoverId?.ToString() ?? "", Step = step, Error = text, Now = now }, scope.Transaction), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database may be what failed; the log line above is then the record.
            logger.LogError(e, "Handover {HandoverId}: the fault of step {Step} could not be recorded", handoverId, step);
        }
    }

    /// <summary>The step went through after all: its open fault is closed.</summary>
    public Task ResolveAsync(WriteScope scope, Guid handoverId, string step) =>
        scope.Connection.ExecuteAsync("UPDATE faults SET resolved_at = @Now WHERE handover_id = @Id AND step = @Step AND resolved_at IS NULL",
            new { Now = Epoch.Ms(clock.GetUtcNow()), Id = handoverId.ToString(), Step = step }, scope.Transaction);

    public async Task<IReadOnlyList<StepFault>> OpenAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Id, string HandoverId, string Step, string Error, long Attempts, long FirstAt, long LastAt)>(
            "SELECT id, handover_id, step, error, attempts, first_at, last_at FROM faults WHERE resolved_at IS NULL ORDER BY last_at DESC LIMIT @Limit",
            new { Limit = limit }).ConfigureAwait(false);
        return rows.Select(r => new StepFault(r.Id, Guid.TryParse(r.HandoverId, out var id) ? id : null, r.Step, r.Error, (int)r.Attempts,
            Epoch.At(r.FirstAt), Epoch.At(r.LastAt))).ToList();
    }
}

/// <summary>An open fault as operators see it.</summary>
public sealed record StepFault(long Id, Guid? HandoverId, string Step, string Error, int Attempts, DateTimeOffset FirstAt, DateTimeOffset LastAt);
