using IntegrationHub.Hub.Outbox;

namespace IntegrationHub.Hub.Deadlines;

/// <summary>
/// Fires what has come due, as a set: every kind of watched work (<see cref="IDueWork"/>) is asked for batch
/// after batch until none is left. Several sweepers per instance (one decides while another writes), any
/// number of instances on one database: each batch is leased to one. After a long weekend tens of thousands
/// of deadlines fall due at once (CHAIN.md §6).
/// </summary>
public sealed class DeadlineSweep(IEnumerable<IDueWork> work, TimeProvider clock, OutboxSignal signal, ILogger<DeadlineSweep> logger)
{
    static readonly int Workers = Math.Max(2, Environment.ProcessorCount);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var kind in work)
        {
            var counts = await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => SweepAsync(kind, cancellationToken))).ConfigureAwait(false);
            if (counts.Sum() > 0)
                logger.LogInformation("Deadline sweep fired {Count} {Kind}(s)", counts.Sum(), kind.Name);
            total += counts.Sum();
        }
        return total;
    }

    async Task<int> SweepAsync(IDueWork kind, CancellationToken cancellationToken)
    {
        var total = 0;
        int fired;
        while ((fired = await kind.FireBatchAsync(clock.GetUtcNow(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            signal.Notify();
            total += fired;
        }
        return total;
    }
}
