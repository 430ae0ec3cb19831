using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Escalation;

/// <summary>
/// Binding decisions (doorzettingsmacht, seed 001:2768-2771, 3457-3462): at the level of the ladder that holds
/// binding authority, who decided, a reference to the text (which stays with them), the bound parties and a
/// compliance date per party, each watched like any deadline. A party that does not comply in time is told
/// again, and the chain office hears.
/// </summary>
public static class Decisions
{
    public static string Ref(Guid decisionId, string agencyId) => $"{decisionId}/{agencyId}";

    public static string? Refusal(HandoverState state, DecisionRecorded m, Covenant covenant)
    {
        if (state.Escalations.FirstOrDefault(e => e.Id == m.EscalationId) is not { } escalation)
            return "no such escalation on this handover";
        if (escalation.Decision is not null)
            return "a decision was recorded on this escalation already";
        var binding = covenant.Ladder.FirstOrDefault(s => s.Binding)?.Level ?? covenant.Ladder.Count;
        return escalation.Level < binding ? $"binding decisions are taken at level {binding}; this escalation is at level {escalation.Level}" : null;
    }

    public static void Record(HandoverState state, DecisionRecorded m, Covenant covenant, Emissions emit)
    {
        var escalation = state.Escalations.First(e => e.Id == m.EscalationId);
        escalation.Decision = new DecisionEntry
        {
            Id = m.DecisionId, DecidedBy = m.DecidedBy, Reference = m.Reference, At = m.At, RecordedBy = m.RecordedBy, BoundParties = [.. m.BoundParties],
        };
        state.History.Add(new HistoryEntry
        {
            At = m.At, Event = "decision", By = m.RecordedBy,
            Detail = $"by {m.DecidedBy}, binding {string.Join(", ", m.BoundParties.Select(p => $"{p.AgencyId} by {p.ComplyBy:dd-MM-yyyy}"))}",
        });
        foreach (var party in m.BoundParties)
        {
            DeadlineRules.OpenAt(state, DeadlineKinds.Compliance, DeadlineRules.OnDate(party.ComplyBy, covenant.Calendar), Ref(m.DecisionId, party.AgencyId));
            emit.Mail(Mail.Notice(state, party.AgencyId, Notice(state, escalation, party, NoticeKinds.Decision,
                "Besluit met doorzettingsmacht: deze instantie is eraan gebonden"), m.At));
        }
    }

    public static string? ComplianceRefusal(HandoverState state, ComplianceReported m) =>
        state.Escalations.FirstOrDefault(e => e.Decision?.Id == m.DecisionId)?.Decision is not { } decision
            ? "no such decision on this handover"
            : decision.BoundParties.All(p => p.AgencyId != m.AgencyId) ? $"the decision does not bind {m.AgencyId}" : null;

    public static void Complied(HandoverState state, ComplianceReported m)
    {
        var decision = state.Escalations.First(e => e.Decision?.Id == m.DecisionId).Decision!;
        decision.CompliedAt.TryAdd(m.AgencyId, m.At);
        DeadlineRules.Meet(state, DeadlineKinds.Compliance, m.At, Ref(m.DecisionId, m.AgencyId));
        state.History.Add(new HistoryEntry { At = m.At, Event = "complied", By = m.AgencyId, Detail = m.Note });
    }

    /// <summary>A bound party did not comply in time: it hears again, and the record tells the chain office.</summary>
    public static void Overdue(HandoverState state, DeadlineEntry missed, DateTimeOffset now, Emissions emit)
    {
        var slash = missed.Ref?.IndexOf('/') ?? -1;
        if (slash < 0 || !Guid.TryParse(missed.Ref![..slash], out var decisionId))
            return;
        var agency = missed.Ref[(slash + 1)..];
        if (state.Escalations.FirstOrDefault(e => e.Decision?.Id == decisionId) is not { Decision: { } decision } escalation)
            return;
        state.History.Add(new HistoryEntry { At = now, Event = "compliance-overdue", By = agency, Detail = $"decision by {decision.DecidedBy}" });
        var party = decision.BoundParties.First(p => p.AgencyId == agency);
        emit.Mail(Mail.Notice(state, agency, Notice(state, escalation, party, NoticeKinds.ComplianceOverdue,
            "Besluit niet op tijd nagekomen: de ketenregie is ingelicht"), now));
    }

    static HubNotice Notice(HandoverState state, EscalationEntry escalation, BoundParty party, string kind, string title) => new()
    {
        Kind = kind,
        Title = title,
        Facts = new Dictionary<string, string>
        {
            ["handoverId"] = state.CorrelationId.ToString(),
            ["escalationId"] = escalation.Id.ToString(),
            ["decisionId"] = escalation.Decision!.Id.ToString(),
            ["decidedBy"] = escalation.Decision.DecidedBy,
            ["reference"] = escalation.Decision.Reference,
            ["agencyId"] = party.AgencyId,
            ["complyBy"] = party.ComplyBy.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            // Who hears it by e-mail: the bound agency's contacts at the level of the decision (or the highest below it).
            ["level"] = escalation.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
