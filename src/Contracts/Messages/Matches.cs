namespace IntegrationHub.Contracts.Messages;

/// <summary>
/// A match in the referral index (mail kind <c>match</c>): which of this agency's own signals matched, and the other
/// parties' names and contacts. Nothing else: not the child, not the other party's concern, not which sibling.
/// </summary>
public sealed record MatchNotice
{
    public required Guid MatchId { get; init; }
    /// <summary>child (signals of different agencies on one child) or family (on children who share a guardian or are siblings).</summary>
    public required string Kind { get; init; }
    /// <summary>The family the match is in: what the coordinator's notices and the plan name.</summary>
    public Guid? FamilyId { get; init; }
    /// <summary>This agency's own signal that matched, as the hub knows it.</summary>
    public required Guid SignalId { get; init; }
    /// <summary>The messageId this agency gave the signal (POST /api/signals), so its system finds the child.</summary>
    public Guid? SignalMessageId { get; init; }
    /// <summary>When the signal came from a handover: that handover (its sender or receiver knows the child by it).</summary>
    public Guid? SignalHandoverId { get; init; }
    public required IReadOnlyList<MatchParty> Others { get; init; }
    /// <summary>By then this agency confirms it contacted the others (POST /api/signals/matches/{matchId}/contact).</summary>
    public DateTimeOffset? ConfirmContactBy { get; init; }
}

/// <summary>Another party of a match: its agency and professional, and when it signalled.</summary>
public sealed record MatchParty
{
    public required string AgencyId { get; init; }
    public required string Name { get; init; }
    public string? Role { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public required DateTimeOffset SignalledAt { get; init; }
}

public static class MatchKinds
{
    public const string Child = "child";
    public const string Family = "family";
}

/// <summary>
/// The hub's notices (mail kind <c>notice</c>, <see cref="HubNotice"/>) about the chain around a child: signals,
/// matches, coordination, the family plan and linked handovers (docs/chain.md). Facts name families, matches,
/// handovers, agencies, dates and professionals' contacts, never the child.
/// </summary>
public static class ChainNoticeKinds
{
    /// <summary>Two case meetings have the same child or family on their list (seed 000:971-975).</summary>
    public const string DoubleCaseMeeting = "double-case-meeting";
    /// <summary>A match's contact has not been confirmed: the reminder, and the chain office's notice.</summary>
    public const string MatchContactReminder = "match-contact-reminder";
    public const string MatchNotFollowedUp = "match-not-followed-up";
    /// <summary>This agency is to coordinate the family: accept or decline by the date.</summary>
    public const string CoordinatorAssigned = "coordinator-assigned";
    /// <summary>The family's coordinator accepted: every party hears who coordinates.</summary>
    public const string CoordinatorAccepted = "coordinator-accepted";
    /// <summary>An assignment was declined or not accepted in time, or no rule gives a coordinator: the chain office hears.</summary>
    public const string CoordinatorNotAccepted = "coordinator-not-accepted";
    public const string NoCoordinator = "no-coordinator";
    /// <summary>Another agency took over coordination.</summary>
    public const string CoordinatorReplaced = "coordinator-replaced";
    /// <summary>The family plan was registered or reviewed; an action is owed by this party.</summary>
    public const string PlanRegistered = "plan-registered";
    public const string PlanAction = "plan-action";
    /// <summary>A watched deadline of the chain (plan, review, action) was missed and climbs the ladder, or was met after all.</summary>
    public const string ChainEscalation = "chain-escalation";
    public const string ChainEscalationResolved = "chain-escalation-resolved";
    /// <summary>Stagnation in the family's care was reported.</summary>
    public const string Stagnation = "stagnation";
    /// <summary>The same child handed to the same receiver by two senders within the covenant's window.</summary>
    public const string PossibleDuplicateHandover = "possible-duplicate-handover";
}
