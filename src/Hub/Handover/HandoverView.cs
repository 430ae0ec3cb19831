using Dapper;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;

namespace IntegrationHub.Hub.Handover;

/// <summary>The handover as API.md shows it (with the hub's additions: links, waiting list, escalation details), read from durable state.</summary>
public sealed record HandoverView(
    Guid HandoverId, string State, string Sender, string Receiver, string Urgency, string? Purpose, string? RequestedAction,
    DateTimeOffset? SubmittedAt, IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<EscalationView> Escalations, IReadOnlyList<HistoryView> History,
    Guid? PredecessorHandoverId = null, Guid? SuccessorHandoverId = null, DateOnly? ExpectedStart = null);

public sealed record DeadlineView(string Kind, DateTimeOffset DueAt, DateTimeOffset? MetAt, DateTimeOffset? MissedAt, DateTimeOffset? ClosedAt, string? Ref = null);

public sealed record EscalationView(
    int Level, string DeadlineKind, DateTimeOffset OverdueSince, DateTimeOffset RaisedAt, IReadOnlyList<string> Addressees, DateTimeOffset? ResolvedAt,
    Guid EscalationId, string? Reason = null, string? RequestedBy = null, IReadOnlyList<AcknowledgementView>? Acknowledgements = null,
    DecisionView? Decision = null);

public sealed record AcknowledgementView(string AgencyId, DateTimeOffset At);

public sealed record DecisionView(Guid DecisionId, string DecidedBy, string Reference, DateTimeOffset At, IReadOnlyList<BoundPartyView> BoundParties);

public sealed record BoundPartyView(string AgencyId, DateOnly ComplyBy, DateTimeOffset? CompliedAt);

public sealed record HistoryView(DateTimeOffset At, string Event, string? By, string? Detail);

public sealed class HandoverViews(HubDatabase database)
{
    public async Task<HandoverView?> FindAsync(Guid handoverId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var data = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT data FROM handovers WHERE correlation_id = @Id", new { Id = handoverId.ToString() }).ConfigureAwait(false);
        return data is null ? null : From(SagaJson.Read(data));
    }

    public static HandoverView From(HandoverState s) => new(
        s.CorrelationId,
        StateNames.Public(s.CurrentState),
        s.Sender,
        s.Receiver,
        s.Urgency,
        s.Purpose,
        s.RequestedAction,
        s.SubmittedAt,
        s.Deadlines.Select(d => new DeadlineView(d.Kind, d.DueAt, d.MetAt, d.MissedAt, d.ClosedAt, d.Ref)).ToList(),
        s.Escalations.Select(e => new EscalationView(e.Level, e.DeadlineKind, e.OverdueSince, e.RaisedAt,
            e.Addressees.Select(a => a.Name is null ? $"{a.Role} at {a.AgencyId}" : $"{a.Role} at {a.AgencyId} ({a.Name})").ToList(), e.ResolvedAt,
            e.Id, e.Reason, e.RequestedBy, e.Acknowledgements.Select(a => new AcknowledgementView(a.AgencyId, a.At)).ToList(),
            e.Decision is { } d
                ? new DecisionView(d.Id, d.DecidedBy, d.Reference, d.At,
                    d.BoundParties.Select(p => new BoundPartyView(p.AgencyId, p.ComplyBy, d.CompliedAt.TryGetValue(p.AgencyId, out var at) ? at : null)).ToList())
                : null)).ToList(),
        s.History.Select(h => new HistoryView(h.At, h.Event, h.By, h.Detail)).ToList(),
        s.PredecessorHandoverId, s.SuccessorHandoverId, s.ExpectedStart);
}
