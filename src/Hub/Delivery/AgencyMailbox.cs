using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// The embedded transport's stand-in for agency queues: a durable mailbox (postvak) per agency in the
/// hub's database, so the demo can show what each agency received. Written in the transaction that marks
/// the mail sent, so each mail is there exactly once; idempotent on the mail id besides.
/// </summary>
public sealed class AgencyMailbox(HubDatabase database, TimeProvider clock) : IAgencyDrop
{
    /// <summary>The agency has read everything up to <paramref name="sequence"/> (it asked for what follows).</summary>
    public Task ReadThroughAsync(string agencyId, long sequence, CancellationToken cancellationToken) =>
        database.WriteAsync(scope => scope.Connection.ExecuteAsync(
            """
            INSERT INTO mailbox_cursors (agency, read_through, at) VALUES (@Agency, @Sequence, @Now)
            ON CONFLICT (agency) DO UPDATE SET read_through = excluded.read_through, at = excluded.at
            WHERE excluded.read_through > mailbox_cursors.read_through
            """, new { Agency = agencyId, Sequence = sequence, Now = Epoch.Ms(clock.GetUtcNow()) }, scope.Transaction), cancellationToken);

    public string Destination(string agencyId) => "mailbox:" + agencyId;

    public bool InDatabase => true;

    public Task DropAsync(AgencyMail mail, OutboundDocument document, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the mailbox is written with the outbox mark (DropWithMarkAsync)");

    public async Task DropWithMarkAsync(WriteScope scope, AgencyMail mail, OutboundDocument document)
    {
        await scope.ExecuteAsync(
            """
            INSERT INTO agency_mailbox (mail_id, agency, kind, handover_id, content_type, body, at)
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6) ON CONFLICT DO NOTHING
            """,
            mail.MailId.ToString(), mail.To, mail.Kind, mail.HandoverId.ToString(), document.ContentType, document.Body, Epoch.Ms(mail.At)).ConfigureAwait(false);
    }

    /// <summary>The agency's mail after sequence number <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MailboxItem>> ListAsync(string agencyId, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<MailboxItem>(
            """
            SELECT id AS Seq, mail_id AS MailId, kind AS Kind, handover_id AS HandoverId, content_type AS ContentType, body AS Body, at AS At
            FROM agency_mailbox WHERE agency = @Agency AND id > @After ORDER BY id LIMIT @Limit
            """,
            new { Agency = agencyId, After = after, Limit = limit }).ConfigureAwait(false);
        return rows.ToList();
    }
}

public sealed record MailboxItem
{
    public long Seq { get; init; }
    public string MailId { get; init; } = "";
    public string Kind { get; init; } = "";
    public string HandoverId { get; init; } = "";
    public string ContentType { get; init; } = "";
    public byte[] Body { get; init; } = [];
    public long At { get; init; }
}
