using System.Text.Json;
using System.Threading.Channels;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Faults;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Outbox;

/// <summary>
/// Sends committed outbox rows: agency mail goes to the addressed agency through the postman. A row is
/// marked sent only after its drop confirmed it, and the mark's transaction also records what followed
/// from it: the delivery-log entry, the mailbox row on the embedded transport, and for a handover the
/// step "delivered" of its saga (which opens the receipt deadline). Agency mail claimed again is first
/// checked against the egress journal (<see cref="ResendCheck"/>). E-mail to people goes through the same rows
/// (<see cref="Email.EmailPostman"/>): marked sent only after the SMTP server accepted it, retried with backoff.
/// </summary>
public sealed class OutboxDispatcher(
    OutboxStore store, ResendCheck resends, OutboxSignal signal, AgencyPostman postman, Email.EmailPostman email, HandoverStepRunner steps, StepFaults faults,
    TimeProvider clock, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    const int BatchSize = 500;
    static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Loops claiming disjoint batches: one delivers while the other claims or marks.</summary>
    const int Loops = 2;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => LoopAsync(stoppingToken)));

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
        // Rows are marked sent as their confirms come in, in whatever groups are ready, not at the end of
        // the batch: a crash between a confirm and its mark re-sends that message, so the gap stays short.
        var confirmed = Channel.CreateUnbounded<(long Id, Delivered Delivery)>(new UnboundedChannelOptions { SingleReader = true });
        var marking = MarkAsConfirmedAsync(confirmed.Reader);
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
                    if (row.Message.MessageType == Email.PeopleMail.MessageType)
                    {
                        confirmed.Writer.TryWrite((row.Id, await email.DeliverAsync(row, ct).ConfigureAwait(false)));
                        return;
                    }
                    var mail = row.Message.MessageType == nameof(AgencyMail)
                        ? JsonSerializer.Deserialize<AgencyMail>(row.Message.Body, BusJson.Options) ?? throw new PermanentDeliveryException($"outbox row {row.Id} holds no mail")
                        : throw new PermanentDeliveryException($"outbox row {row.Id} holds a {row.Message.MessageType}, which no one sends");
                    confirmed.Writer.TryWrite((row.Id, await postman.DeliverAsync(mail, verdicts.CopyOf(row.Id), ct).ConfigureAwait(false)));
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
            confirmed.Writer.Complete();
            await marking.ConfigureAwait(false);
        }
        return rows.Count;
    }

    async Task MarkAsConfirmedAsync(ChannelReader<(long Id, Delivered Delivery)> confirmed)
    {
        var group = new List<(long Id, Delivered Delivery)>();
        while (await confirmed.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (confirmed.TryRead(out var item))
                group.Add(item);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // Decided before the write, on the last committed state of each handover; written with the mark.
            var deliveredAt = clock.GetUtcNow();
            var handovers = await steps.PrepareAsync(group.Where(g => g.Delivery.Mail.Kind == AgencyMailKinds.Handover)
                .Select(g => (g.Delivery.Mail.HandoverId, (object)new HandoverDelivered
                {
                    HandoverId = g.Delivery.Mail.HandoverId, Receiver = g.Delivery.Mail.To, DeliveredAt = deliveredAt,
                })).ToList(), CancellationToken.None).ConfigureAwait(false);
            // A defect in one handover's step must not hold its mail back (it was delivered): that step alone is undone
            // and kept for operators; the handover's delivery deadline will show it too.
            var failed = new List<(Guid HandoverId, Exception Error)>();
            await store.MarkDispatchedAsync(group.Select(g => g.Id).ToList(), group.Select(g => g.Delivery.Entry).ToList(), async scope =>
            {
                failed.Clear();
                foreach (var (_, delivery) in group)
                    await postman.DropWithMarkAsync(scope, delivery).ConfigureAwait(false);
                foreach (var step in handovers)
                    await scope.IsolatedAsync(() => steps.WriteAsync(scope, step), e => failed.Add((step.HandoverId, e))).ConfigureAwait(false);
            }, CancellationToken.None).ConfigureAwait(false);
            foreach (var (_, delivery) in group)
                Telemetry.HubMetrics.Sent(delivery.Mail.Kind, delivery.Mail.To);
            Telemetry.HubMetrics.StepCommitted(nameof(HandoverDelivered), System.Diagnostics.Stopwatch.GetElapsedTime(started),
                handovers.Count(h => h.Outcome is StepOutcome.Applied) - failed.Count);
            foreach (var (handoverId, error) in failed)
                await faults.RecordAsync(handoverId, "delivered", error).ConfigureAwait(false);
            if (handovers.Count > 0)
                signal.Notify();
        }
    }
}
