using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Escalation;

/// <summary>
/// Escalation on request (opschaling op verzoek): not a missed deadline but content — no contact, disagreement,
/// agreements not kept, no capacity, no result, an unsafe situation (CHAIN.md §3). It addresses the ladder's
/// people at the asked level for the agency it is about, stays open until the one who asked (or the chain office)
/// settles it, and asks for acknowledgements and may carry a binding decision like any other escalation.
/// </summary>
public sealed class EscalationRequests(EscalationLadder ladder)
{
    public void Raise(HandoverState state, EscalationRequested m, Covenant covenant, Emissions emit)
    {
        var level = Math.Clamp(m.Level, 1, Math.Max(1, covenant.Ladder.Count));
        var addressees = covenant.Ladder.Count == 0 ? [] : ladder.Addressees(state, covenant.Ladder[level - 1], m.About);
        EscalationLadder.Raise(state, level, EscalationEntry.Requested, m.At, m.At, addressees, covenant, emit, m.EscalationId, e =>
        {
            e.Reason = m.Reason;
            e.RequestedBy = m.RequestedBy;
            e.RequesterAgency = m.RequestedBy == state.Sender || m.RequestedBy == state.Receiver ? m.RequestedBy : null;
            e.About = m.About;
        });
    }

    public static string? CloseRefusal(HandoverState state, RequestedEscalationClosed m) =>
        state.Escalations.FirstOrDefault(e => e.Id == m.EscalationId) is not { DeadlineKind: EscalationEntry.Requested } escalation
            ? "no escalation on request with this id on this handover"
            : escalation.ResolvedAt is not null ? "this escalation was settled already" : null;

    public static void Close(HandoverState state, RequestedEscalationClosed m, Emissions emit)
    {
        var escalation = state.Escalations.First(e => e.Id == m.EscalationId);
        if (m.Note is not null)
            state.History.Add(new HistoryEntry { At = m.At, Event = "escalation-settled", By = m.By, Detail = m.Note });
        EscalationLadder.Settle(state, escalation, m.By, m.At, emit);
    }
}
