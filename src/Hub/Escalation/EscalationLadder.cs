using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Escalation;

/// <summary>
/// Escalation (opschaling), BRIEF.md §5: a missed receipt or start of care climbs the covenant's
/// ladder one rung at a time; each rung is raised once, notifies its addressees and the sender, and
/// is resolved, with everyone notified told so, when the awaited feedback arrives.
/// </summary>
public sealed class EscalationLadder(AgencyDirectory directory)
{
    /// <summary>Deadlines whose miss climbs the whole ladder; the others only remind (level 1).</summary>
    static readonly HashSet<string> Escalating = [DeadlineKinds.Receipt, DeadlineKinds.CareStarted];

    /// <summary>The hub's own operators (the chain office): addressed when the hub itself could not deliver; they read the dashboard.</summary>
    public static readonly EscalationAddressee HubOperators = new() { AgencyId = AgencyDirectory.HubId, Role = "operators", Name = "ketenbureau" };

    public void Start(HandoverState state, DeadlineEntry missed, Covenant covenant, DateTimeOffset now, Emissions emit)
    {
        if (missed.Kind == DeadlineKinds.Delivery)
        {
            // Not the receiver's failure: the sender, who still holds the case, and the hub's operators are told. No ladder climbs.
            var sender = directory.Find(state.Sender)?.ContactsFor(1, "team-lead")
                .Select(c => new EscalationAddressee { AgencyId = state.Sender, Role = c.Role, Name = c.Name, Email = c.Email }).ToList() ?? [];
            Raise(state, 1, missed.Kind, missed.DueAt, now,
                [.. sender.Count > 0 ? sender : [new EscalationAddressee { AgencyId = state.Sender, Role = "team-lead" }], HubOperators], emit);
            return;
        }
        if (covenant.Ladder.Count == 0)
            return;
        Raise(state, covenant.Ladder[0].Level, missed.Kind, missed.DueAt, now, Addressees(state, covenant.Ladder[0]).ToList(), emit);
        if (Escalating.Contains(missed.Kind) && covenant.Ladder.Count > 1
            && (state.NextEscalation is null || state.NextEscalation.DeadlineKind == missed.Kind))
        {
            state.NextEscalation = new PendingEscalation
            {
                DeadlineKind = missed.Kind,
                Level = 2,
                OverdueSince = missed.DueAt,
                At = covenant.Ladder[1].After.AddTo(missed.DueAt, covenant.Calendar),
            };
        }
    }

    /// <summary>Raises every rung that has come due; the next rung's time counts from the previous rung's.</summary>
    public void Climb(HandoverState state, Covenant covenant, DateTimeOffset now, Emissions emit)
    {
        while (state.NextEscalation is { } next && next.At <= now)
        {
            var step = covenant.Ladder[next.Level - 1];
            Raise(state, step.Level, next.DeadlineKind, next.OverdueSince, now, Addressees(state, step).ToList(), emit);
            state.NextEscalation = next.Level < covenant.Ladder.Count
                ? new PendingEscalation
                {
                    DeadlineKind = next.DeadlineKind,
                    Level = next.Level + 1,
                    OverdueSince = next.OverdueSince,
                    At = covenant.Ladder[next.Level].After.AddTo(next.At, covenant.Calendar),
                }
                : null;
        }
    }

    /// <summary>The awaited feedback arrived: resolve open escalations for these deadlines and tell everyone notified.</summary>
    public void Resolve(HandoverState state, IReadOnlyCollection<string> deadlineKinds, string resolvedBy, DateTimeOffset now, Emissions emit)
    {
        if (state.NextEscalation is { } next && deadlineKinds.Contains(next.DeadlineKind))
            state.NextEscalation = null;

        foreach (var escalation in state.Escalations.Where(e => e.ResolvedAt is null && deadlineKinds.Contains(e.DeadlineKind)))
        {
            escalation.ResolvedAt = now;
            state.History.Add(new HistoryEntry { At = now, Event = "escalation-resolved", By = resolvedBy, Detail = $"level {escalation.Level} ({escalation.DeadlineKind})" });
            var notice = Notice(state, escalation) with { ResolvedAt = now, ResolvedBy = resolvedBy };
            foreach (var agency in NotifiedAgencies(state, escalation))
                emit.Mail(Mail.Escalation(state, agency, AgencyMailKinds.EscalationResolved, notice, now));
        }
    }

    void Raise(HandoverState state, int level, string deadlineKind, DateTimeOffset overdueSince, DateTimeOffset now,
        List<EscalationAddressee> addressees, Emissions emit)
    {
        // A level is raised once per deadline, whatever ticks or redeliveries say.
        if (state.Escalations.Any(e => e.Level == level && e.DeadlineKind == deadlineKind))
            return;

        var escalation = new EscalationEntry
        {
            Level = level,
            DeadlineKind = deadlineKind,
            OverdueSince = overdueSince,
            RaisedAt = now,
            Addressees = addressees,
        };
        state.Escalations.Add(escalation);
        state.History.Add(new HistoryEntry { At = now, Event = "escalation-raised", Detail = $"level {level} ({deadlineKind})" });
        var notice = Notice(state, escalation);
        foreach (var agency in NotifiedAgencies(state, escalation))
            emit.Mail(Mail.Escalation(state, agency, AgencyMailKinds.EscalationRaised, notice, now));
    }

    IEnumerable<EscalationAddressee> Addressees(HandoverState state, EscalationStep step)
    {
        foreach (var rule in step.Addressees)
        {
            var agencyId = rule.Agency switch { "receiver" => state.Receiver, "sender" => state.Sender, var id => id };
            var contacts = directory.Find(agencyId)?.ContactsFor(step.Level, rule.Role).ToList() ?? [];
            if (contacts.Count == 0)
                // The role is still addressed through the agency's queue, even without a named contact.
                yield return new EscalationAddressee { AgencyId = agencyId, Role = rule.Role };
            foreach (var c in contacts)
                yield return new EscalationAddressee { AgencyId = agencyId, Role = c.Role, Name = c.Name, Email = c.Email };
        }
    }

    /// <summary>
    /// Every addressee's agency, and always the sender: until care starts the sender holds the case. The hub's
    /// operators get no mail: the notice is on their dashboard.
    /// </summary>
    static IEnumerable<string> NotifiedAgencies(HandoverState state, EscalationEntry escalation) =>
        escalation.Addressees.Select(a => a.AgencyId).Append(state.Sender).Where(a => a != AgencyDirectory.HubId).Distinct(StringComparer.Ordinal);

    static EscalationNotice Notice(HandoverState state, EscalationEntry escalation) => new()
    {
        Level = escalation.Level,
        DeadlineKind = escalation.DeadlineKind,
        OverdueSince = escalation.OverdueSince,
        ResponsibleAgency = state.CareStartedAt is null ? state.Sender : state.Receiver,
        Addressees = escalation.Addressees,
    };
}
