using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Escalation;

/// <summary>
/// Escalation (opschaling), BRIEF.md §5: a missed receipt or start of care climbs the covenant's
/// ladder one rung at a time; each rung is raised once, notifies its addressees and the sender, asks the
/// addressees of level 2 and up to acknowledge it, and is resolved, with everyone notified told so, when the
/// awaited feedback arrives. Escalations on request, acknowledgements and decisions live beside it
/// (<see cref="EscalationRequests"/>, <see cref="Acknowledgements"/>, <see cref="Decisions"/>).
/// </summary>
public sealed class EscalationLadder(AgencyDirectory directory)
{
    /// <summary>Deadlines whose miss climbs the whole ladder; the others only remind (level 1).</summary>
    static readonly HashSet<string> Escalating = [DeadlineKinds.Receipt, DeadlineKinds.CareStarted, DeadlineKinds.Waiting, DeadlineKinds.Reroute];

    /// <summary>
    /// Who owes what a deadline awaits: the receiver, except for a re-route, which the sender owes. The ladder's
    /// "receiver" rules address that party, so a missed re-route climbs on the sender's side (CHAIN.md §4).
    /// </summary>
    static string Responsible(HandoverState state, string deadlineKind) => deadlineKind == DeadlineKinds.Reroute ? state.Sender : state.Receiver;

    /// <summary>The hub's own operators (the chain office): addressed when the hub itself could not deliver; they read the dashboard.</summary>
    public static readonly EscalationAddressee HubOperators = new() { AgencyId = AgencyDirectory.HubId, Role = "operators", Name = "ketenbureau" };

    public void Start(HandoverState state, DeadlineEntry missed, Covenant covenant, DateTimeOffset now, Emissions emit)
    {
        switch (missed.Kind)
        {
            case DeadlineKinds.Acknowledgement:
                Acknowledgements.Overdue(state, missed, now, emit);
                return;
            case DeadlineKinds.Compliance:
                Decisions.Overdue(state, missed, now, emit);
                return;
            case DeadlineKinds.Delivery:
                // Not the receiver's failure: the sender, who still holds the case, and the hub's operators are told. No ladder climbs.
                var sender = directory.Find(state.Sender)?.ContactsFor(1, "team-lead")
                    .Select(c => new EscalationAddressee { AgencyId = state.Sender, Role = c.Role, Name = c.Name, Email = c.Email }).ToList() ?? [];
                Raise(state, 1, missed.Kind, missed.DueAt, now,
                    [.. sender.Count > 0 ? sender : [new EscalationAddressee { AgencyId = state.Sender, Role = "team-lead" }], HubOperators], covenant, emit);
                return;
        }
        if (covenant.Ladder.Count == 0)
            return;
        Raise(state, covenant.Ladder[0].Level, missed.Kind, missed.DueAt, now, Addressees(state, covenant.Ladder[0], Responsible(state, missed.Kind)), covenant, emit);
        // On the waiting list the receiver cannot make capacity appear: a late start of care stops at level 1.
        var waitingForCapacity = missed.Kind == DeadlineKinds.CareStarted && state.WaitingSince is not null;
        if (Escalating.Contains(missed.Kind) && !waitingForCapacity && covenant.Ladder.Count > 1
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
            Raise(state, step.Level, next.DeadlineKind, next.OverdueSince, now, Addressees(state, step, Responsible(state, next.DeadlineKind)), covenant, emit);
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
        foreach (var escalation in state.Escalations.Where(e => e.ResolvedAt is null && deadlineKinds.Contains(e.DeadlineKind)).ToList())
            Settle(state, escalation, resolvedBy, now, emit);
    }

    /// <summary>One escalation is over: nobody need acknowledge it any more, and everyone notified hears so.</summary>
    public static void Settle(HandoverState state, EscalationEntry escalation, string resolvedBy, DateTimeOffset now, Emissions emit)
    {
        escalation.ResolvedAt = now;
        state.History.Add(new HistoryEntry { At = now, Event = "escalation-resolved", By = resolvedBy, Detail = $"level {escalation.Level} ({escalation.DeadlineKind})" });
        Acknowledgements.Close(state, escalation, now);
        var notice = Notice(state, escalation) with { ResolvedAt = now, ResolvedBy = resolvedBy };
        foreach (var agency in NotifiedAgencies(state, escalation))
            emit.Mail(Mail.Escalation(state, agency, AgencyMailKinds.EscalationResolved, notice, now));
    }

    /// <summary>Raises one level once per deadline (or request), whatever ticks say, and notifies everyone concerned.</summary>
    internal static EscalationEntry? Raise(HandoverState state, int level, string deadlineKind, DateTimeOffset overdueSince, DateTimeOffset now,
        List<EscalationAddressee> addressees, Covenant covenant, Emissions emit, Guid? id = null, Action<EscalationEntry>? details = null)
    {
        if (deadlineKind != EscalationEntry.Requested && state.Escalations.Any(e => e.Level == level && e.DeadlineKind == deadlineKind))
            return null;
        // A request asked again (the same messageId) is the same escalation.
        if (id is { } given && state.Escalations.Any(e => e.Id == given))
            return null;
        var escalation = new EscalationEntry
        {
            // Deterministic for a missed deadline (each level once): a decision taken again inside the write gives the same id.
            Id = id ?? DeterministicId.From("escalation", $"{state.CorrelationId}/{deadlineKind}/{level}"),
            Level = level,
            DeadlineKind = deadlineKind,
            OverdueSince = overdueSince,
            RaisedAt = now,
            Addressees = addressees,
        };
        details?.Invoke(escalation);
        state.Escalations.Add(escalation);
        state.History.Add(new HistoryEntry
        {
            At = now, Event = "escalation-raised", By = escalation.RequestedBy,
            Detail = escalation.Reason is null ? $"level {level} ({deadlineKind})" : $"level {level} on request ({escalation.Reason})",
        });
        var acknowledgeBy = Acknowledgements.Ask(state, escalation, covenant, now);
        foreach (var agency in NotifiedAgencies(state, escalation))
            emit.Mail(Mail.Escalation(state, agency, AgencyMailKinds.EscalationRaised,
                Notice(state, escalation) with { AcknowledgeBy = acknowledgeBy.GetValueOrDefault(agency) }, now));
        return escalation;
    }

    /// <summary>The people a ladder step addresses, <paramref name="responsible"/> standing for its "receiver" rules.</summary>
    public List<EscalationAddressee> Addressees(HandoverState state, EscalationStep step, string responsible)
    {
        var addressees = new List<EscalationAddressee>();
        foreach (var rule in step.Addressees)
        {
            var agencyId = rule.Agency switch { "receiver" => responsible, "sender" => state.Sender, var agency => agency };
            var contacts = directory.Find(agencyId)?.ContactsFor(step.Level, rule.Role).ToList() ?? [];
            if (contacts.Count == 0)
                // The role is still addressed through the agency's queue, even without a named contact.
                addressees.Add(new EscalationAddressee { AgencyId = agencyId, Role = rule.Role });
            addressees.AddRange(contacts.Select(c => new EscalationAddressee { AgencyId = agencyId, Role = c.Role, Name = c.Name, Email = c.Email }));
        }
        return addressees;
    }

    /// <summary>
    /// Every addressee's agency, and always the sender: until care starts the sender holds the case. One who
    /// asked for the escalation hears it too. The hub's operators get no mail: the notice is on their dashboard.
    /// </summary>
    internal static IEnumerable<string> NotifiedAgencies(HandoverState state, EscalationEntry escalation) =>
        escalation.Addressees.Select(a => a.AgencyId).Append(state.Sender).Append(escalation.RequesterAgency ?? state.Sender)
            .Where(a => a != AgencyDirectory.HubId).Distinct(StringComparer.Ordinal);

    internal static EscalationNotice Notice(HandoverState state, EscalationEntry escalation) => new()
    {
        EscalationId = escalation.Id,
        Level = escalation.Level,
        DeadlineKind = escalation.DeadlineKind,
        OverdueSince = escalation.OverdueSince,
        // Until care starts the sender holds the case (after a rejection or withdrawal too).
        ResponsibleAgency = state.CareStartedAt is null ? state.Sender : state.Receiver,
        Addressees = escalation.Addressees,
        Reason = escalation.Reason,
        RequestedBy = escalation.RequestedBy,
    };
}
