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
}
