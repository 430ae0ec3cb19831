using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Operator;

/// <summary>An escalation (opschaling) still open: the awaited feedback has not arrived.</summary>
public sealed record OpenEscalation(
    Guid HandoverId, string Sender, string Receiver, int Level, string DeadlineKind, DateTimeOffset OverdueSince, DateTimeOffset RaisedAt,
    IReadOnlyList<string> Addressees);

/// <summary>Open escalations, highest level first, then longest overdue: the read model's own table, kept by the steps.</summary>
public sealed class EscalationList(HubDatabase database)
{
    public async Task<PageOf<OpenEscalation>> FindAsync(PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var total = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM open_escalations").ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Id, string Sender, string Receiver, long Level, string Kind, long OverdueSince, long RaisedAt, string Addressees)>(
            """
            SELECT handover_id, sender, receiver, CAST(level AS BIGINT), deadline_kind, overdue_since, raised_at, addressees FROM open_escalations
            ORDER BY level DESC, overdue_since, handover_id, deadline_kind LIMIT @Limit OFFSET @Offset
            """, new { Limit = page.PageSize, page.Offset }).ConfigureAwait(false);
        return new PageOf<OpenEscalation>(rows.Select(r => new OpenEscalation(Guid.Parse(r.Id), r.Sender, r.Receiver, (int)r.Level, r.Kind,
            Epoch.At(r.OverdueSince), Epoch.At(r.RaisedAt), r.Addressees.Split("; ", StringSplitOptions.RemoveEmptyEntries))).ToList(), page.Page, page.PageSize, total);
    }
}
