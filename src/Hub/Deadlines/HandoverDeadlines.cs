using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Faults;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;

namespace IntegrationHub.Hub.Deadlines;

/// <summary>
/// A handover's due times as sweep work: leases a batch whose next due time has passed (an indexed column, so it
/// survives restarts), decides their steps on every core, and writes the batch, with every notice it sends, in
/// one unit. A lease that is not written (a crash) expires and the next sweep takes the batch again.
/// </summary>
public sealed class HandoverDeadlines(HubDatabase database, HandoverStore store, HandoverStepRunner steps, StepFaults faults) : IDueWork
{
    const int BatchSize = 500;
    /// <summary>Longer than any batch takes; a crashed sweeper's batch waits this long.</summary>
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    public string Name => "handover";

    public async Task<int> FireBatchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Domain time says what is due; the lease runs on the machine's clock, so it ends even while a simulated clock stands still.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ids = await store.ClaimDueAsync(now, LeaseClock.Now, Lease, BatchSize, cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
            return 0;
        using var activity = Telemetry.HubTracing.Start("deadline batch");
        activity?.SetTag(Telemetry.HubTracing.Count, ids.Count);
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
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var fired = prepared.Where(p => p.Outcome is StepOutcome.Applied && failed.All(f => f.HandoverId != p.HandoverId)).ToList();
        Telemetry.HubMetrics.StepCommitted(nameof(DeadlineReached), elapsed, fired.Count);
        // Due (hub clock) to committed: the batch began at now and took elapsed.
        foreach (var step in fired)
            if (step.DueBefore is { } due)
                Telemetry.HubMetrics.DeadlineFired(now + elapsed - due);
        activity?.SetTag(Telemetry.HubTracing.Outcome, $"{fired.Count} fired, {failed.Count} failed");
        foreach (var (handoverId, error) in failed)
            await faults.RecordAsync(handoverId, "deadline", error, cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }
}
