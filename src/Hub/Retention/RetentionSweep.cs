using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Retention;

/// <summary>What one retention run removed, as operators see it (GET /api/operator/purges).</summary>
public sealed record PurgeRun(DateTimeOffset At, long Handovers, long FeedbackDocuments, long Rejects, long MailboxEntries, long SentOutboxRows, long ResolvedFaults);

/// <summary>
/// Forgets on time (BRIEF §7): the documents of handovers closed longer ago than their covenant's term, refused
/// messages past theirs, embedded mail the agency has read and that has aged, sent outbox rows and resolved
/// faults. Each purged handover and reject is a delivery-log entry of its own (kind purge:*, the hash of what
/// was purged): the log keeps its hashes and stays verifiable, and says when the content went. The saga
/// (no personal data) stays, so the handover's history can still be read.
/// </summary>
public sealed class RetentionSweep(HubDatabase database, CovenantBook covenants, IDeliveryLog deliveryLog, TimeProvider clock, ILogger<RetentionSweep> logger)
{
    const int Batch = 500;

    public async Task<PurgeRun> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (handovers, feedback) = await PurgeDocumentsAsync(now, cancellationToken).ConfigureAwait(false);
        var rejects = await PurgeRejectsAsync(now, cancellationToken).ConfigureAwait(false);
        var region = covenants.Region.Retention;
        var mailbox = await DeleteAsync("""
            DELETE FROM agency_mailbox WHERE at < @Cutoff
              AND id <= (SELECT c.read_through FROM mailbox_cursors c WHERE c.agency = agency_mailbox.agency)
            """, new { Cutoff = Epoch.Ms(now.AddDays(-region.MailboxDaysAfterRead)) }, cancellationToken).ConfigureAwait(false);
        // Sent rows carry the machine's time (LeaseClock), as every outbox time does.
        var outbox = await DeleteAsync("DELETE FROM outbox WHERE dispatched_at IS NOT NULL AND dispatched_at < @Cutoff",
            new { Cutoff = Epoch.Ms(LeaseClock.Now.AddHours(-region.SentOutboxHours)) }, cancellationToken).ConfigureAwait(false);
        var faults = await DeleteAsync("DELETE FROM faults WHERE resolved_at IS NOT NULL AND resolved_at < @Cutoff",
            new { Cutoff = Epoch.Ms(now.AddDays(-region.ResolvedFaultsDays)) }, cancellationToken).ConfigureAwait(false);
        // The record of which messages were answered (ids and codes only) is kept as long as rejects: a message sent
        // again after that is answered 0201 (accepted before) or refused again.
        var retours = await DeleteAsync("DELETE FROM retours WHERE at < @Cutoff", new { Cutoff = Epoch.Ms(now.AddDays(-region.RejectsDays)) }, cancellationToken)
            .ConfigureAwait(false);
        if (retours > 0)
            logger.LogInformation("Retention purged {Retours} retour record(s)", retours);

        var run = new PurgeRun(now, handovers, feedback, rejects, mailbox, outbox, faults);
        if (handovers + feedback + rejects + mailbox + outbox + faults > 0)
        {
            await database.WriteAsync(scope => scope.Connection.ExecuteAsync(
                """
                INSERT INTO purge_runs (at, handovers, feedback_documents, rejects, mailbox_entries, sent_outbox_rows, resolved_faults)
                VALUES (@At, @Handovers, @FeedbackDocuments, @Rejects, @MailboxEntries, @SentOutboxRows, @ResolvedFaults)
                """, new { At = Epoch.Ms(run.At), run.Handovers, run.FeedbackDocuments, run.Rejects, run.MailboxEntries, run.SentOutboxRows, run.ResolvedFaults },
                scope.Transaction), cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Retention purged {Handovers} handover document(s), {Feedback} feedback document(s), {Rejects} reject(s), " +
                "{Mailbox} mailbox entr(ies), {Outbox} sent outbox row(s), {Faults} resolved fault(s)", handovers, feedback, rejects, mailbox, outbox, faults);
        }
        return run;
    }

    /// <summary>Handovers closed before the shortest term are candidates; each is purged when its own covenant's term has passed.</summary>
    async Task<(long Handovers, long Feedback)> PurgeDocumentsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var shortest = covenants.All.Min(c => c.Retention.DocumentsDaysAfterClose);
        (long Handovers, long Feedback) purged = (0, 0);
        (long ClosedAt, string Id) after = (long.MinValue, "");
        while (true)
        {
            List<(string Id, string Sender, string Receiver, long ClosedAt)> candidates;
            await using (var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false))
                candidates = (await connection.QueryAsync<(string Id, string Sender, string Receiver, long ClosedAt)>(
                    """
                    SELECT correlation_id, sender, receiver, closed_at FROM handovers
                    WHERE closed_at IS NOT NULL AND closed_at < @Cutoff AND documents_purged_at IS NULL
                      AND (closed_at > @AfterAt OR (closed_at = @AfterAt AND correlation_id > @AfterId))
                    ORDER BY closed_at, correlation_id LIMIT @Batch
                    """, new { Cutoff = Epoch.Ms(now.AddDays(-shortest)), AfterAt = after.ClosedAt, AfterId = after.Id, Batch }).ConfigureAwait(false)).ToList();
            if (candidates.Count == 0)
                return purged;
            after = (candidates[^1].ClosedAt, candidates[^1].Id);
            var due = candidates.Where(c => Epoch.At(c.ClosedAt) < now.AddDays(-covenants.For(c.Sender, c.Receiver).Retention.DocumentsDaysAfterClose)).ToList();
            if (due.Count == 0)
                continue;
            var counts = await database.WriteAsync(async scope =>
            {
                long handovers = 0, feedback = 0;
                foreach (var (id, sender, receiver, _) in due)
                {
                    var hash = await scope.Connection.QuerySingleOrDefaultAsync<string>(
                        "SELECT payload_sha256 FROM handover_documents WHERE handover_id = @Id", new { Id = id }, scope.Transaction).ConfigureAwait(false);
                    handovers += await scope.Connection.ExecuteAsync("DELETE FROM handover_documents WHERE handover_id = @Id", new { Id = id }, scope.Transaction)
                        .ConfigureAwait(false);
                    feedback += await scope.Connection.ExecuteAsync("DELETE FROM feedback_documents WHERE handover_id = @Id", new { Id = id }, scope.Transaction)
                        .ConfigureAwait(false);
                    await scope.Connection.ExecuteAsync("UPDATE handovers SET documents_purged_at = @Now WHERE correlation_id = @Id",
                        new { Now = Epoch.Ms(now), Id = id }, scope.Transaction).ConfigureAwait(false);
                    await deliveryLog.AppendAsync(new DeliveryLogEntry
                    {
                        At = now, MessageId = DeterministicId.From("purge", id), HandoverId = Guid.Parse(id), Sender = sender, Receiver = receiver,
                        Kind = "purge:handover", PayloadSha256 = hash ?? "", Outcome = DeliveryOutcomes.Purged, Channel = "retention",
                    }, scope.Connection, scope.Transaction, CancellationToken.None).ConfigureAwait(false);
                }
                return (handovers, feedback);
            }, cancellationToken).ConfigureAwait(false);
            purged = (purged.Handovers + counts.handovers, purged.Feedback + counts.feedback);
        }
    }

    async Task<long> PurgeRejectsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = Epoch.Ms(now.AddDays(-covenants.Region.Retention.RejectsDays));
        long purged = 0;
        while (true)
        {
            var count = await database.WriteAsync(async scope =>
            {
                var rows = (await scope.Connection.QueryAsync<(long Id, string? Agency, byte[] Original)>(
                    """
                    SELECT id, agency, original FROM rejects
                    WHERE COALESCE(replayed_at, received_at) < @Cutoff ORDER BY id LIMIT @Batch
                    """, new { Cutoff = cutoff, Batch }, scope.Transaction).ConfigureAwait(false)).ToList();
                foreach (var (id, agency, original) in rows)
                {
                    await scope.Connection.ExecuteAsync("DELETE FROM rejects WHERE id = @Id", new { Id = id }, scope.Transaction).ConfigureAwait(false);
                    await deliveryLog.AppendAsync(new DeliveryLogEntry
                    {
                        At = now, MessageId = DeterministicId.From("purge-reject", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Sender = agency,
                        Kind = "purge:reject", PayloadSha256 = PayloadHash.OfBytes(original), Outcome = DeliveryOutcomes.Purged, Channel = "retention",
                    }, scope.Connection, scope.Transaction, CancellationToken.None).ConfigureAwait(false);
                }
                return rows.Count;
            }, cancellationToken).ConfigureAwait(false);
            purged += count;
            if (count < Batch)
                return purged;
        }
    }

    async Task<long> DeleteAsync(string sql, object parameters, CancellationToken cancellationToken) =>
        await database.WriteAsync(scope => scope.Connection.ExecuteAsync(sql, parameters, scope.Transaction), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<PurgeRun>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long At, long Handovers, long Feedback, long Rejects, long Mailbox, long Outbox, long Faults)>(
            """
            SELECT at, handovers, feedback_documents, rejects, mailbox_entries, sent_outbox_rows, resolved_faults
            FROM purge_runs ORDER BY at DESC, id DESC LIMIT @Limit
            """, new { Limit = limit }).ConfigureAwait(false);
        return rows.Select(r => new PurgeRun(Epoch.At(r.At), r.Handovers, r.Feedback, r.Rejects, r.Mailbox, r.Outbox, r.Faults)).ToList();
    }
}
