using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Operator;

/// <summary>An escalation (opschaling) still open: the awaited feedback has not arrived.</summary>
public sealed record OpenEscalation(
    Guid HandoverId, string Sender, string Receiver, int Level, string DeadlineKind, DateTimeOffset OverdueSince, DateTimeOffset RaisedAt,
    IReadOnlyList<string> Addressees);

/// <summary>Open escalations, highest level first, then longest overdue.</summary>
public sealed class EscalationList(HubDatabase database)
{
    public async Task<PageOf<OpenEscalation>> FindAsync(PageRequest page, CancellationToken cancellationToken)
    {
        // The indexed level narrows the scan to handovers with something open; the JSON says what.
        var states = await SagaData.ReadAsync(database, "open_escalation_level > 0", cancellationToken).ConfigureAwait(false);
        var open = states
            .SelectMany(s => s.Escalations.Where(e => e.ResolvedAt is null).Select(e => new OpenEscalation(
                s.CorrelationId, s.Sender, s.Receiver, e.Level, e.DeadlineKind, e.OverdueSince, e.RaisedAt,
                e.Addressees.Select(a => a.Name is null ? $"{a.Role} at {a.AgencyId}" : $"{a.Role} at {a.AgencyId} ({a.Name})").ToList())))
            .OrderByDescending(e => e.Level).ThenBy(e => e.OverdueSince).ThenBy(e => e.HandoverId).ThenBy(e => e.DeadlineKind)
            .ToList();
        return page.Slice(open);
    }
}
