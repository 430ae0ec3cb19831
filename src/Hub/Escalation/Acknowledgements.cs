using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Escalation;

/// <summary>
/// A notice at level 2 and up is acknowledged by each addressed agency within the covenant's term (default 1
/// working day at level 2, 2 at level 3): one not acknowledged in time is sent again, and the chain office hears.
/// </summary>
public static class Acknowledgements
{
    public static string Ref(EscalationEntry escalation, string agencyId) => $"{escalation.Id}/{agencyId}";

    /// <summary>Opens an acknowledgement deadline per addressed agency; returns when each must acknowledge.</summary>
    public static Dictionary<string, DateTimeOffset> Ask(HandoverState state, EscalationEntry escalation, Covenant covenant, DateTimeOffset now)
    {
        var due = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (!covenant.AcknowledgementTerms.TryGetValue(escalation.Level, out var term))
            return due;
        var by = term.AddTo(now, covenant.Calendar);
        foreach (var agency in escalation.Addressees.Select(a => a.AgencyId).Where(a => a != AgencyDirectory.HubId).Distinct(StringComparer.Ordinal))
        {
            DeadlineRules.OpenAt(state, DeadlineKinds.Acknowledgement, by, Ref(escalation, agency));
            due[agency] = by;
        }
        return due;
    }

    /// <summary>Whether <paramref name="agencyId"/> may acknowledge this escalation (it was addressed) — null when it may.</summary>
    public static string? Refusal(HandoverState state, NoticeAcknowledged m) =>
        state.Escalations.FirstOrDefault(e => e.Id == m.EscalationId) is not { } escalation
            ? "no such escalation on this handover"
            : escalation.Addressees.All(a => a.AgencyId != m.AgencyId)
                ? $"the escalation does not address {m.AgencyId}"
                : null;

    public static void Record(HandoverState state, NoticeAcknowledged m)
    {
        var escalation = state.Escalations.First(e => e.Id == m.EscalationId);
        if (escalation.Acknowledgements.Any(a => a.AgencyId == m.AgencyId))
            return;
        escalation.Acknowledgements.Add(new Acknowledgement { AgencyId = m.AgencyId, At = m.At, By = m.By });
        DeadlineRules.Meet(state, DeadlineKinds.Acknowledgement, m.At, Ref(escalation, m.AgencyId));
        state.History.Add(new HistoryEntry { At = m.At, Event = "escalation-acknowledged", By = m.AgencyId, Detail = $"level {escalation.Level} ({m.By})" });
    }

    /// <summary>Not acknowledged in time: the notice goes out again to that agency, and the record tells the chain office.</summary>
    public static void Overdue(HandoverState state, DeadlineEntry missed, DateTimeOffset now, Emissions emit)
    {
        var (id, agency) = Split(missed.Ref);
        if (state.Escalations.FirstOrDefault(e => e.Id == id) is not { ResolvedAt: null } escalation)
            return;
        state.History.Add(new HistoryEntry { At = now, Event = "acknowledgement-overdue", By = agency, Detail = $"level {escalation.Level} ({escalation.DeadlineKind})" });
        emit.Mail(Mail.Escalation(state, agency, AgencyMailKinds.EscalationRaised, EscalationLadder.Notice(state, escalation) with { Renotice = true }, now));
    }

    /// <summary>A settled escalation needs no more acknowledgements.</summary>
    public static void Close(HandoverState state, EscalationEntry escalation, DateTimeOffset now)
    {
        foreach (var d in state.Deadlines.Where(d => d.Kind == DeadlineKinds.Acknowledgement && d.IsOpen && d.Ref?.StartsWith(escalation.Id + "/", StringComparison.Ordinal) == true))
            d.ClosedAt = now;
    }

    static (Guid Escalation, string Agency) Split(string? reference)
    {
        var slash = reference?.IndexOf('/') ?? -1;
        return slash < 0 ? (Guid.Empty, "") : (Guid.Parse(reference![..slash]), reference[(slash + 1)..]);
    }
}
