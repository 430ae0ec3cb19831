using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Faults;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;

namespace IntegrationHub.Hub.Deadlines;

/// <summary>
/// Fires what has come due, as a set: leases a batch of handovers whose next due time has passed (an
/// indexed column, so it survives restarts), decides their steps on every core, and writes the batch, with
/// every notice it sends, in one unit. Sweepers (<see cref="Workers"/> per instance, any number of instances
/// on one database) lease disjoint batches; a lease that is not written (a crash) expires and the next sweep
/// takes it again. After a long weekend tens of thousands of deadlines fall due at once (CHAIN.md §6).
/// </summary>
public sealed class DeadlineSweep(
    HubDatabase database, HandoverStore store, HandoverStepRunner steps, StepFaults faults, TimeProvider clock, OutboxSignal signal,
    ILogger<DeadlineSweep> logger)
{
    const int BatchSize = 500;
    /// <summary>Longer than any batch takes; a crashed sweeper's batch waits this long.</summary>
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    /// <summary>One sweeper decides while the other writes.</summary>
    static readonly int Workers = Math.Max(2, Environment.ProcessorCount);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => SweepAsync(cancellationToken))).ConfigureAwait(false);
        var total = counts.Sum();
        if (total > 0)
            logger.LogInformation("Deadline sweep woke {Count} handover(s)", total);
        return total;
    }

    async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            // Domain time says what is due; the lease runs on the machine's clock, so it ends even while a simulated clock stands still.
            var now = clock.GetUtcNow();
            var ids = await store.ClaimDueAsync(now, LeaseClock.Now, Lease, BatchSize, cancellationToken).ConfigureAwait(false);
            if (ids.Count == 0)
                return total;
            var prepared = await steps.PrepareAsync(ids.Select(id => (id, (object)new DeadlineReached { HandoverId = id, DueAt = now })).ToList(), cancellationToken)
                .ConfigureAwait(false);
            // One handover's defect must not hold back the batch: its step alone is undone, kept for operators, and
            // tried again when its lease ends.
            var failed = new List<(Guid HandoverId, Exception Error)>();
            await database.WriteAsync(async scope =>
            {
                failed.Clear();
                foreach (var step in prepared)
                    await scope.IsolatedAsync(() => steps.WriteAsync(scope, step), e => failed.Add((step.HandoverId, e))).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            foreach (var (handoverId, error) in failed)
                await faults.RecordAsync(handoverId, "deadline", error, cancellationToken).ConfigureAwait(false);
            signal.Notify();
            total += ids.Count;
        }
    }
}
