using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// PostgreSQL only: links staged delivery-log entries into the hash chain, in batches, shortly after
/// their transactions commit (see <see cref="HashChainedDeliveryLog"/>). Entries staged by a hub that
/// stopped are linked by the next one to run; until then they are committed but not yet in the chain.
/// </summary>
public sealed class DeliveryLogChainer(HubDatabase database, IDeliveryLog log, ILogger<DeliveryLogChainer> logger) : BackgroundService
{
    const int BatchSize = 500;

    /// <summary>Also catches entries staged by another hub instance, which cannot cue this one.</summary>
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres || log is not HashChainedDeliveryLog chain)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await chain.ChainStagedAsync(BatchSize, stoppingToken).ConfigureAwait(false) < BatchSize)
                    await chain.WaitForStagedAsync(PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Linking staged delivery-log entries failed; retrying");
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // Link what this instance staged before it stops, so a clean shutdown leaves a complete chain.
        if (database.Provider == DatabaseProvider.Postgres && log is HashChainedDeliveryLog chain)
            while (await chain.ChainStagedAsync(BatchSize, cancellationToken).ConfigureAwait(false) > 0) { }
    }
}
