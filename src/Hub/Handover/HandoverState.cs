using System.Text.Json.Serialization;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Handover;

/// <summary>
/// Everything the hub knows about one handover (overdracht) while it watches it (the saga's state): who
/// holds the case, which deadlines run, which escalations are open, and what happened when. Holds no
/// personal data: the document itself stays in the document store.
/// </summary>
public sealed class HandoverState
{
    public Guid CorrelationId { get; set; }
    /// <summary>The machine's state name (<see cref="HandoverMachine"/>); <see cref="StateNames"/> gives the public one.</summary>
    public string CurrentState { get; set; } = "";
    /// <summary>The stored version this state was read at; a write lands only on that version.</summary>
    [JsonIgnore]
    public int Version { get; set; }

    public string Sender { get; set; } = "";
    public string Receiver { get; set; } = "";
    public string Urgency { get; set; } = "";
    public string Purpose { get; set; } = "";
    public string LegalBasis { get; set; } = "";
    public string RequestedAction { get; set; } = "";
    public string SubjectKey { get; set; } = "";
    /// <summary>Where the figures count it (gemeente) and the child's age band at submission: no personal data.</summary>
    public string Municipality { get; set; } = "";
    public string AgeBand { get; set; } = "";
    public Guid SubmissionMessageId { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? ReceiptAt { get; set; }
    public DateTimeOffset? CareStartedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateOnly? PlannedEndDate { get; set; }

    /// <summary>Re-routing (BRIEF §3 "never let go"): the handover this one re-routes, and the one that re-routed it.</summary>
    public Guid? PredecessorHandoverId { get; set; }
    public Guid? SuccessorHandoverId { get; set; }
    /// <summary>When the first handover of this child's chain of re-routes was submitted.</summary>
    public DateTimeOffset? ChainStartedAt { get; set; }
    /// <summary>On the receiver's waiting list (wachtlijst) since then, care expected at <see cref="ExpectedStart"/>.</summary>
    public DateTimeOffset? WaitingSince { get; set; }
    public DateOnly? ExpectedStart { get; set; }
    /// <summary>The first day of the month the child turns 17 years 6 months (no birth date is kept).</summary>
    public DateOnly? TransitionMonth { get; set; }
    /// <summary>Why the sender closed the case or withdrew it (a reason code), when it said.</summary>
    public string? ClosedReason { get; set; }

    public string? RejectionReason { get; set; }
    public string? SuggestedAgencyId { get; set; }
    public string? WithdrawalReason { get; set; }
    public string? Outcome { get; set; }

    public List<DeadlineEntry> Deadlines { get; set; } = [];
    public List<EscalationEntry> Escalations { get; set; } = [];
    public List<HistoryEntry> History { get; set; } = [];
    /// <summary>The next rung of the ladder that will be raised if nothing arrives first.</summary>
    public PendingEscalation? NextEscalation { get; set; }

    /// <summary>When the scheduler must wake this handover next: the earliest open deadline or ladder rung.</summary>
    [JsonIgnore]
    public DateTimeOffset? NextDueAt
    {
        get
        {
            var dues = Deadlines.Where(d => d.IsOpen).Select(d => d.DueAt).ToList();
            if (NextEscalation is { } next)
                dues.Add(next.At);
            return dues.Count == 0 ? null : dues.Min();
        }
    }

    [JsonIgnore]
    public bool IsOverdue => Deadlines.Any(d => d.MissedAt is not null && d.MetAt is null && d.ClosedAt is null);

    [JsonIgnore]
    public int OpenEscalationLevel => Escalations.Where(e => e.ResolvedAt is null).Select(e => e.Level).DefaultIfEmpty(0).Max();
}

/// <summary>A deadline (termijn) on this handover: due, and met, missed or closed.</summary>
public sealed class DeadlineEntry
{
    public string Kind { get; set; } = "";
    /// <summary>Which one, where a handover has several of a kind (an acknowledgement per escalation and agency).</summary>
    public string? Ref { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? MetAt { get; set; }
    public DateTimeOffset? MissedAt { get; set; }
    /// <summary>No longer awaited (the handover was rejected, withdrawn or ended).</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    [JsonIgnore]
    public bool IsOpen => MetAt is null && MissedAt is null && ClosedAt is null;
}

/// <summary>An escalation level raised (opschaling) for a missed deadline.</summary>
public sealed class EscalationEntry
{
    /// <summary>What acknowledgements and decisions name; given when raised.</summary>
    public Guid Id { get; set; }
    public int Level { get; set; }
    /// <summary>The deadline that was missed, or <see cref="Requested"/> for an escalation on request.</summary>
    public string DeadlineKind { get; set; } = "";
    public DateTimeOffset OverdueSince { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public List<EscalationAddressee> Addressees { get; set; } = [];
    public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>On request: why (EscalationReasons), who asked, and which agency it is about.</summary>
    public string? Reason { get; set; }
    public string? RequestedBy { get; set; }
    /// <summary>The agency that asked, when an agency did (an operator is no agency).</summary>
    public string? RequesterAgency { get; set; }
    public string? About { get; set; }
    /// <summary>Which addressed agencies have read the notice, when, and who said so.</summary>
    public List<Acknowledgement> Acknowledgements { get; set; } = [];
    /// <summary>What the one with binding authority decided, when a decision was recorded.</summary>
    public DecisionEntry? Decision { get; set; }

    public const string Requested = "request";
}

public sealed class Acknowledgement
{
    public string AgencyId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
}

public sealed class DecisionEntry
{
    public Guid Id { get; set; }
    public string DecidedBy { get; set; } = "";
    public string Reference { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string RecordedBy { get; set; } = "";
    public List<BoundParty> BoundParties { get; set; } = [];
    /// <summary>When each bound party reported compliance.</summary>
    public Dictionary<string, DateTimeOffset> CompliedAt { get; set; } = [];
}

public sealed class PendingEscalation
{
    public string DeadlineKind { get; set; } = "";
    public int Level { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset OverdueSince { get; set; }
}

public sealed class HistoryEntry
{
    public DateTimeOffset At { get; set; }
    public string Event { get; set; } = "";
    public string? By { get; set; }
    public string? Detail { get; set; }
}
