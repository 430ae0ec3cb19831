using System.Threading.Channels;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Delivery;
using MassTransit;

namespace IntegrationHub.Hub.Outbox;

/// <summary>
/// Puts committed outbox rows on the bus: lifecycle events are published, agency mail goes to the
/// addressed agency's queue through the postman. A row is marked sent only after the broker confirmed it.
/// Agency mail claimed again is first checked against the egress journal (<see cref="ResendCheck"/>).
/// </summary>
public sealed class OutboxDispatcher(OutboxStore store, ResendCheck resends, OutboxSignal signal, IServiceProvider services, ILogger<OutboxDispatcher> logger)
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

        var verdicts = await resends.CheckAsync(rows, cancellationToken).ConfigureAwait(false);
        var publisher = services.GetRequiredService<IBus>();
        var postman = services.GetRequiredService<AgencyPostman>();
        // Rows are marked sent as their confirms come in, in whatever groups are ready, not at the end of
        // the batch: a crash between a confirm and its mark re-sends that message, so the gap stays short.
        var sent = Channel.CreateUnbounded<(long Id, DeliveryLogEntry? Entry)>(new UnboundedChannelOptions { SingleReader = true });
        var marking = MarkAsConfirmedAsync(sent.Reader);
        try
        {
            await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (row, ct) =>
            {
                if (verdicts.Held.TryGetValue(row.Id, out var heldFor))
                {
                    if (heldFor is not null)
                        await store.MarkFailedAsync(row.Id, heldFor, CancellationToken.None).ConfigureAwait(false);
                    return;
                }
                try
                {
                    var message = BusJson.Deserialize(row.Message);
                    DeliveryLogEntry? entry = null;
                    if (row.Message.Destination == OutgoingMessage.PublishDestination)
                        await publisher.Publish(message, message.GetType(), c => c.MessageId = row.Message.MessageId, ct).ConfigureAwait(false);
                    else
                        entry = await postman.DeliverAsync((AgencyMail)message, verdicts.CopyOf(row.Id), ct).ConfigureAwait(false);
                    sent.Writer.TryWrite((row.Id, entry));
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
        }
        finally
        {
            sent.Writer.Complete();
            await marking.ConfigureAwait(false);
        }
        return rows.Count;
    }

    async Task MarkAsConfirmedAsync(ChannelReader<(long Id, DeliveryLogEntry? Entry)> confirmed)
    {
        var ids = new List<long>();
        var entries = new List<DeliveryLogEntry>();
        while (await confirmed.WaitToReadAsync().ConfigureAwait(false))
        {
            ids.Clear();
            entries.Clear();
            while (confirmed.TryRead(out var item))
            {
                ids.Add(item.Id);
                if (item.Entry is not null)
                    entries.Add(item.Entry);
            }
            await store.MarkDispatchedAsync(ids, entries, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
