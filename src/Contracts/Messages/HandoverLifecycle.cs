namespace IntegrationHub.Contracts.Messages;

// The lifecycle of one handover as the bus carries it (BRIEF.md §3). Every message names its
// handover by HandoverId, which is also the saga's correlation id. No message carries a BSN or a
// name: the handover document itself travels only to the addressed receiver (see AgencyMail).

/// <summary>A sender handed a child over (overdracht ingediend); the document is stored by the hub.</summary>
public sealed record HandoverSubmitted
{
    public required Guid HandoverId { get; init; }
    public required Guid SubmissionMessageId { get; init; }
    public required string Sender { get; init; }
    public required string Receiver { get; init; }
    public required string Urgency { get; init; }
    public required string Purpose { get; init; }
    public required string LegalBasis { get; init; }
    public required string RequestedAction { get; init; }
    /// <summary>Pseudonymous key of the child (keyed hash of the BSN), never the BSN itself.</summary>
    public required string SubjectKey { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    /// <summary>The municipality the figures count it for (the child's residence, else the sender's), for reports per municipality.</summary>
    public string Municipality { get; init; } = "";
    /// <summary>The child's age band at submission (0-3, 4-11, 12-17, 18+): reports by age band, never the birth date.</summary>
    public string AgeBand { get; init; } = "";
    /// <summary>The sender's earlier handover of this child that this one re-routes (after a rejection or withdrawal).</summary>
    public Guid? PredecessorHandoverId { get; init; }
    /// <summary>When the chain of re-routed handovers of this child began: lead times run across the links.</summary>
    public DateTimeOffset? ChainStartedAt { get; init; }
    /// <summary>The month the child turns 17 years 6 months (a transition plan 18-/18+ is needed then): a month, never the birth date.</summary>
    public DateOnly? TransitionMonth { get; init; }
}

/// <summary>The handover reached the receiver's queue or endpoint (afgeleverd).</summary>
public sealed record HandoverDelivered
{
    public required Guid HandoverId { get; init; }
    public required string Receiver { get; init; }
    public required DateTimeOffset DeliveredAt { get; init; }
}

/// <summary>Common shape of feedback that came from an agency (terugkoppeling).</summary>
public abstract record FeedbackEvent
{
    public required Guid HandoverId { get; init; }
    public required Guid FeedbackMessageId { get; init; }
    public required string By { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Note { get; init; }
    /// <summary>The feedback in the canonical format, forwarded to the other party (no BSN or child's name in it).</summary>
    public System.Text.Json.JsonElement? Document { get; init; }
}

/// <summary>The receiver confirmed the handover arrived (ontvangstbevestiging).</summary>
public sealed record ReceiptConfirmed : FeedbackEvent;

/// <summary>The receiver refused the handover; the sender keeps the case.</summary>
public sealed record HandoverRejected : FeedbackEvent
{
    public required string Reason { get; init; }
    public string? SuggestedAgencyId { get; init; }
}

/// <summary>The receiver started care (start zorg): from here on the receiver holds responsibility.</summary>
public sealed record CareStarted : FeedbackEvent
{
    public DateOnly? PlannedEndDate { get; init; }
}

/// <summary>How care is going (voortgang).</summary>
public sealed record ProgressReported : FeedbackEvent;

/// <summary>Care ended, with its outcome.</summary>
public sealed record CareEnded : FeedbackEvent
{
    public string? Outcome { get; init; }
}

/// <summary>The sender withdrew the handover before care started (ingetrokken).</summary>
public sealed record HandoverWithdrawn : FeedbackEvent
{
    public required string Reason { get; init; }
    /// <summary>no-care-needed: nobody else needs to take the child over, so no re-route is watched.</summary>
    public string? ReasonCode { get; init; }
}

/// <summary>The receiver accepts, but care starts later (wachtlijst): at <see cref="ExpectedStart"/>.</summary>
public sealed record AcceptedWaiting : FeedbackEvent
{
    public required DateOnly ExpectedStart { get; init; }
    public required string Reason { get; init; }
}

/// <summary>The receiver made the aftercare plan (nazorgplan) for the end of indicated care.</summary>
public sealed record AftercarePlanMade : FeedbackEvent;

/// <summary>After a rejection or withdrawal the sender keeps care itself: nobody else needs to take the child over.</summary>
public sealed record CareRetained : FeedbackEvent;

/// <summary>After a rejection or withdrawal the sender closes the case (no care needed, moved away, consent withdrawn).</summary>
public sealed record CaseClosed : FeedbackEvent
{
    public required string ReasonCode { get; init; }
}

/// <summary>The sender handed the child to another agency: a new handover names this one as its predecessor.</summary>
public sealed record HandoverRerouted
{
    public required Guid HandoverId { get; init; }
    public required Guid SuccessorHandoverId { get; init; }
    public required string SuccessorReceiver { get; init; }
    public required DateTimeOffset At { get; init; }
}
