using Dapper;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Faults;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Signals;

/// <summary>
/// The end of a signal's life (VIR practice, CHAIN.md §1): active for the region's term after its last update (it
/// matches no more after that, computed on read), visible for the longer term, then deleted with its subject key link
/// (<see cref="SignalRemoval"/>). Sweep work on the hub's clock, so the simulated clock shows it.
/// </summary>
public sealed class SignalLifetimes(HubDatabase database, SignalRemoval removal, StepFaults faults) : IDueWork
{
    const int BatchSize = 200;
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    public string Name => "signal lifetime";

    public async Task<int> FireBatchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var leaseNow = LeaseClock.Now;
        var ids = await database.WriteAsync<IReadOnlyList<string>>(async scope => (await scope.Connection.QueryAsync<string>(
            $"""
            UPDATE signals SET lease_until = @Until
            WHERE signal_id IN (
                SELECT signal_id FROM signals WHERE visible_until <= @Now AND (lease_until IS NULL OR lease_until < @LeaseNow)
                ORDER BY visible_until LIMIT @Max {database.ForUpdateSkipLocked})
            RETURNING signal_id
            """, new { Now = Epoch.Ms(now), LeaseNow = Epoch.Ms(leaseNow), Until = Epoch.Ms(leaseNow + Lease), Max = BatchSize }, scope.Transaction)
            .ConfigureAwait(false)).ToList(), cancellationToken).ConfigureAwait(false);
        if (ids.Count == 0)
            return 0;
        var failed = new List<(string Id, Exception Error)>();
        await database.WriteAsync(async scope =>
        {
            failed.Clear();
            foreach (var id in ids)
                await scope.IsolatedAsync(async () =>
                {
                    // Refreshed since it was leased: it lives on.
                    var visibleUntil = await scope.Connection.ExecuteScalarAsync<long?>("SELECT visible_until FROM signals WHERE signal_id = @Id", new { Id = id },
                        scope.Transaction).ConfigureAwait(false);
                    if (visibleUntil is { } until && until <= Epoch.Ms(now))
                        await removal.RemoveAsync(scope, Guid.Parse(id), DeliveryOutcomes.Purged, now).ConfigureAwait(false);
                }, e => failed.Add((id, e))).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        foreach (var (id, error) in failed)
            await faults.RecordAsync(null, "signal-lifetime:" + id, error, cancellationToken).ConfigureAwait(false);
        return ids.Count;
    }
}
