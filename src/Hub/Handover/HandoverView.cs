using System.Text.Json;
using Dapper;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;

namespace IntegrationHub.Hub.Handover;

/// <summary>The handover as API.md shows it, read from durable state (never from memory).</summary>
public sealed record HandoverView(
    Guid HandoverId, string State, string Sender, string Receiver, string Urgency, string? Purpose, string? RequestedAction,
    DateTimeOffset? SubmittedAt, IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<EscalationView> Escalations, IReadOnlyList<HistoryView> History);

public sealed record DeadlineView(string Kind, DateTimeOffset DueAt, DateTimeOffset? MetAt, DateTimeOffset? MissedAt, DateTimeOffset? ClosedAt);

public sealed record EscalationView(int Level, string DeadlineKind, DateTimeOffset OverdueSince, DateTimeOffset RaisedAt, IReadOnlyList<string> Addressees, DateTimeOffset? ResolvedAt);

public sealed record HistoryView(DateTimeOffset At, string Event, string? By, string? Detail);

public sealed class HandoverViews(HubDatabase database)
{
    public async Task<HandoverView?> FindAsync(Guid handoverId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var data = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT data FROM handovers WHERE correlation_id = @Id", new { Id = handoverId.ToString() }).ConfigureAwait(false);
        if (data is not null)
            return From(SagaJson.Read(data));

        // Accepted, but the saga has not taken it up yet: it is submitted, with nothing running.
        var document = await connection.QuerySingleOrDefaultAsync<(string Sender, string Receiver, string Payload, long ReceivedAt)?>(
            "SELECT sender, receiver, payload, received_at FROM handover_documents WHERE handover_id = @Id",
            new { Id = handoverId.ToString() }).ConfigureAwait(false);
        if (document is not { } d)
            return null;
        using var payload = JsonDocument.Parse(d.Payload);
        var urgency = payload.RootElement.GetProperty("urgency").GetString() ?? "";
        var at = Epoch.At(d.ReceivedAt);
        return new HandoverView(handoverId, HandoverStates.Submitted, d.Sender, d.Receiver, urgency, null, null, at, [], [],
            [new HistoryView(at, "submitted", d.Sender, null)]);
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
        s.Deadlines.Select(d => new DeadlineView(d.Kind, d.DueAt, d.MetAt, d.MissedAt, d.ClosedAt)).ToList(),
        s.Escalations.Select(e => new EscalationView(e.Level, e.DeadlineKind, e.OverdueSince, e.RaisedAt,
            e.Addressees.Select(a => a.Name is null ? $"{a.Role} at {a.AgencyId}" : $"{a.Role} at {a.AgencyId} ({a.Name})").ToList(), e.ResolvedAt)).ToList(),
        s.History.Select(h => new HistoryView(h.At, h.Event, h.By, h.Detail)).ToList());
}
