using IntegrationHub.Hub.Delivery;

namespace IntegrationHub.Hub.Outbox;

/// <summary>
/// Agency mail claimed again after an earlier claim never marked it (the hub died between the broker's
/// confirm and the mark, or a send failed late) may already be in its agency queue, and a second copy
/// must not follow it. Before such rows are sent, one read of the egress journal per batch finds those
/// already there. First attempts, bus publishes and the embedded transport pay nothing: without a broker
/// there is no journal, and the mailbox table ignores a mail id it already holds.
/// </summary>
public sealed class ResendCheck(OutboxStore store, IServiceProvider services, ILogger<ResendCheck> logger)
{
    /// <summary>Read the journal from this long before the oldest row was written: the broker's clock may differ
    /// from the hub's, and it starts a read at whole seconds and whole chunks.</summary>
    static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>How long the rows being checked are kept from other dispatchers: the read and then the send.</summary>
    static readonly TimeSpan Hold = EgressJournalReader.ReadTimeout + TimeSpan.FromMinutes(1);

    public async Task<ResendVerdicts> CheckAsync(IReadOnlyList<ClaimedRow> rows, CancellationToken cancellationToken)
    {
        var journal = services.GetService<EgressJournalReader>();
        var suspects = rows.Where(r => r.Attempts > 1 && r.Message.Destination != OutgoingMessage.PublishDestination).ToList();
        if (journal is null || suspects.Count == 0)
            return ResendVerdicts.None;

        var held = new Dictionary<long, string?>();
        // The read may outlast the claim; another dispatcher taking the rows meanwhile could send them twice.
        var ours = await store.ExtendClaimAsync(suspects.Select(r => r.Id).ToList(), suspects[0].ClaimToken, Hold, cancellationToken).ConfigureAwait(false);
        foreach (var lost in suspects.Where(r => !ours.Contains(r.Id)))
            held[lost.Id] = null;
        suspects = suspects.Where(r => ours.Contains(r.Id)).ToList();
        if (suspects.Count == 0)
            return new ResendVerdicts(new Dictionary<long, DroppedCopy>(), held);

        // A copy can only have left after its row was written: the oldest row bounds the read.
        var since = suspects.Min(r => r.CreatedAt) - Margin;
        IReadOnlyDictionary<Guid, string> found;
        try
        {
            found = await journal.FindAsync(suspects.Select(r => r.Message.MessageId).ToHashSet(), since, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Sending unchecked could make a second copy: these rows wait for a journal that answers.
            logger.LogWarning("Egress journal unreadable ({Error}); {Count} re-claimed agency mail(s) wait for the next try", e.Message, suspects.Count);
            foreach (var row in suspects)
                held[row.Id] = "egress journal unreadable: " + e.Message;
            return new ResendVerdicts(new Dictionary<long, DroppedCopy>(), held);
        }

        var dropped = suspects.Where(r => found.ContainsKey(r.Message.MessageId))
            .ToDictionary(r => r.Id, r => new DroppedCopy(found[r.Message.MessageId]));
        logger.LogInformation("Egress journal resolved {Found} of {Suspects} re-claimed agency mail(s) as already in their agency queue; the rest are sent",
            dropped.Count, suspects.Count);
        return new ResendVerdicts(dropped, held);
    }
}
