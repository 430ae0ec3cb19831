using IntegrationHub.Hub.Delivery;

namespace IntegrationHub.Hub.Outbox;

/// <summary>
/// Agency mail claimed again after an earlier claim never marked it (the hub died between the broker's
/// confirm and the mark, or a send failed late) may already be in its agency queue, and a second copy
/// must not follow it (except after an <see cref="UncertainDropException"/>). Before such rows are sent, one read of the egress journal per batch finds those
/// already there. First attempts and the embedded transport pay nothing: without a broker
/// there is no journal, and the mailbox table ignores a mail id it already holds.
/// </summary>
public sealed class ResendCheck(OutboxStore store, IServiceProvider services, ILogger<ResendCheck> logger)
{
    /// <summary>Read the journal from this long before a row was written (or last checked): the broker's clock may
    /// differ from the hub's, and it starts a read at whole seconds and whole chunks.</summary>
    static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    /// <summary>How long the rows being checked are kept from other dispatchers, renewed while the read goes on.</summary>
    static readonly TimeSpan Hold = TimeSpan.FromMinutes(1);
    static readonly TimeSpan Renew = TimeSpan.FromSeconds(20);

    readonly JournalKnowledge _known = new();

    public async Task<ResendVerdicts> CheckAsync(IReadOnlyList<ClaimedRow> rows, CancellationToken cancellationToken)
    {
        var journal = services.GetService<EgressJournalReader>();
        // Only agency mail has a journal; an e-mail's second try is the SMTP server's to judge (its Message-Id is stable).
        // A publish whose channel died with a cluster node before its confirm is published again, journal or not (UncertainDropException).
        var suspects = rows.Where(r => r.Attempts > 1 && r.Message.Destination.StartsWith("agency:", StringComparison.Ordinal)
                                       && !UncertainDropException.Marks(r.LastError)).ToList();
        if (journal is null || suspects.Count == 0)
            return ResendVerdicts.None;

        var dropped = new Dictionary<long, DroppedCopy>();
        foreach (var row in suspects)
            if (_known.CopyOf(row.Id) is { } copy)
                dropped[row.Id] = copy;
        var unknown = suspects.Where(r => !dropped.ContainsKey(r.Id)).ToList();
        var held = new Dictionary<long, string?>();
        if (unknown.Count == 0)
            return new ResendVerdicts(dropped, held);

        var ids = unknown.Select(r => r.Id).ToList();
        var token = unknown[0].ClaimToken;
        // The read may outlast the claim; another dispatcher taking the rows meanwhile could send them twice.
        await store.ExtendClaimAsync(ids, token, Hold, cancellationToken).ConfigureAwait(false);
        // A copy can only have left after its row was written (or after a read that did not find it).
        var since = unknown.Min(_known.NoCopyBefore) - Margin;
        var checkedAt = LeaseClock.Now;
        IReadOnlyDictionary<Guid, string> found;
        try
        {
            var reading = journal.FindAsync(unknown.Select(r => r.Message.MessageId).ToHashSet(), since, cancellationToken);
            while (await Task.WhenAny(reading, Task.Delay(Renew, cancellationToken)).ConfigureAwait(false) != reading)
                await RenewAsync(ids, token, cancellationToken).ConfigureAwait(false);
            found = await reading.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Sending unchecked could make a second copy: these rows wait for a journal that answers.
            logger.LogWarning("Egress journal unreadable ({Error}); {Count} re-claimed agency mail(s) wait for the next try", e.Message, unknown.Count);
            foreach (var row in unknown)
                held[row.Id] = "egress journal unreadable: " + e.Message;
            return new ResendVerdicts(dropped, held);
        }
        // Rows this claim no longer holds belong to another dispatcher now; they are left to it.
        var ours = await store.ExtendClaimAsync(ids, token, Hold, cancellationToken).ConfigureAwait(false);

        var resolved = 0;
        foreach (var row in unknown)
        {
            if (!ours.Contains(row.Id))
                held[row.Id] = null;
            if (found.TryGetValue(row.Message.MessageId, out var sha256))
            {
                var copy = new DroppedCopy(sha256);
                _known.Found(row.Id, copy);
                dropped[row.Id] = copy;
                resolved++;
            }
            else
                _known.NotFound(row.Id, checkedAt);
        }
        logger.LogInformation("Egress journal resolved {Found} of {Suspects} re-claimed agency mail(s) as already in their agency queue; the rest are sent",
            resolved, unknown.Count);
        return new ResendVerdicts(dropped, held);
    }

    /// <summary>A failed renewal is not fatal: the claim taken again after the read decides which rows are still ours.</summary>
    async Task RenewAsync(IReadOnlyCollection<long> ids, string token, CancellationToken cancellationToken)
    {
        try
        {
            await store.ExtendClaimAsync(ids, token, Hold, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Renewing the claim of {Count} outbox row(s) during a journal read failed: {Error}", ids.Count, e.Message);
        }
    }
}
