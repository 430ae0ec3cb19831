using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Delivery;
using MassTransit;

namespace IntegrationHub.Hub.Outbox;

/// <summary>
/// Puts committed outbox rows on the bus: lifecycle events are published, agency mail goes to the
/// addressed agency's queue through the postman. A row is marked sent only after the broker confirmed it.
/// </summary>
public sealed class OutboxDispatcher(OutboxStore store, OutboxSignal signal, IServiceProvider services, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    const int BatchSize = 100;
    static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Loops claiming disjoint batches: one publishes while the other claims or marks.</summary>
    const int Loops = 2;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The bus must be started before anything is sent; MassTransit's hosted service starts it.
        var busControl = services.GetRequiredService<IBusControl>();
        await busControl.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken).ConfigureAwait(false);
        await Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => LoopAsync(stoppingToken))).ConfigureAwait(false);
    }

    async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Under load, claim again at once; wait only when there was nothing to send.
                if (await DispatchBatchAsync(stoppingToken).ConfigureAwait(false) == 0)
                    await signal.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Outbox dispatch failed; retrying");
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        var rows = await store.ClaimAsync(BatchSize, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
            return 0;

        var publisher = services.GetRequiredService<IBus>();
        var postman = services.GetRequiredService<AgencyPostman>();
        var done = new List<long>(rows.Count);
        var logged = new List<DeliveryLogEntry>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            try
            {
                var message = BusJson.Deserialize(row.Message);
                if (row.Message.Destination == OutgoingMessage.PublishDestination)
                    await publisher.Publish(message, message.GetType(), c => c.MessageId = row.Message.MessageId, ct).ConfigureAwait(false);
                else
                {
                    var entry = await postman.DeliverAsync((AgencyMail)message, ct).ConfigureAwait(false);
                    lock (logged)
                        logged.Add(entry);
                }
                lock (done)
                    done.Add(row.Id);
            }
            catch (PermanentDeliveryException e)
            {
                logger.LogError("Outbox message {MessageId} to {Destination} parked: {Reason}", row.Message.MessageId, row.Message.Destination, e.Message);
                await store.MarkParkedAsync(row.Id, e.Message, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Outbox message {MessageId} to {Destination} not sent; will retry", row.Message.MessageId, row.Message.Destination);
                await store.MarkFailedAsync(row.Id, e.Message, CancellationToken.None).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        await store.MarkDispatchedAsync(done, logged, CancellationToken.None).ConfigureAwait(false);
        return rows.Count;
    }
}
