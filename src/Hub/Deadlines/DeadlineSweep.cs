using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Deadlines;

/// <summary>
/// Finds handovers whose next due time has come (an indexed column, so it survives restarts) and
/// wakes each one with a <see cref="DeadlineReached"/>. The claim is a conditional update and the
/// message id is derived from (handover, due time): with two hub instances on one database each due
/// time is announced once, and the saga's inbox drops any second copy.
/// </summary>
public sealed class DeadlineSweep(HubDatabase database, TimeProvider clock, OutboxSignal signal, ILogger<DeadlineSweep> logger)
{
    const int BatchSize = 500;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int claimed;
        do
        {
            claimed = await ClaimBatchAsync(cancellationToken).ConfigureAwait(false);
            total += claimed;
        } while (claimed == BatchSize);
        if (total > 0)
        {
            signal.Notify();
            logger.LogInformation("Deadline sweep woke {Count} handover(s)", total);
        }
        return total;
    }

    async Task<int> ClaimBatchAsync(CancellationToken cancellationToken)
    {
        var now = Epoch.Ms(clock.GetUtcNow());
        return await database.WriteAsync(async scope =>
        {
            var (connection, tx) = (scope.Connection, scope.Transaction);
            var due = (await connection.QueryAsync<(string Id, long DueAt)>(
                """
                SELECT correlation_id, next_due_at FROM handovers
                WHERE next_due_at <= @Now AND (due_claimed_at IS NULL OR due_claimed_at <> next_due_at)
                ORDER BY next_due_at LIMIT @Max
                """, new { Now = now, Max = BatchSize }, tx).ConfigureAwait(false)).ToList();

            var claimed = new List<OutgoingMessage>();
            foreach (var (id, dueAt) in due)
            {
                var won = await connection.ExecuteAsync(
                    """
                    UPDATE handovers SET due_claimed_at = @DueAt
                    WHERE correlation_id = @Id AND next_due_at = @DueAt AND (due_claimed_at IS NULL OR due_claimed_at <> @DueAt)
                    """, new { Id = id, DueAt = dueAt }, tx).ConfigureAwait(false);
                if (won == 1)
                    claimed.Add(OutgoingMessage.Publish(
                        new DeadlineReached { HandoverId = Guid.Parse(id), DueAt = Epoch.At(dueAt) },
                        DeterministicId.From("deadline", $"{id}/{dueAt}")));
            }
            await OutboxStore.AddAsync(connection, tx, claimed).ConfigureAwait(false);
            return claimed.Count;
        }, cancellationToken).ConfigureAwait(false);
    }
}
