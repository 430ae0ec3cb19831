using System.Text.Json;

namespace IntegrationHub.Contracts.Messages;

/// <summary>
/// What lands in one agency's own queue: only ever mail addressed to that agency. The handover
/// document travels only in mail of kind <see cref="AgencyMailKinds.Handover"/> to its receiver.
/// </summary>
public sealed record AgencyMail
{
    /// <summary>Stable per piece of mail: a redelivery carries the same id so an agency can drop it.</summary>
    public required Guid MailId { get; init; }
    public required string To { get; init; }
    public required string Kind { get; init; }
    public required Guid HandoverId { get; init; }
    public required string Sender { get; init; }
    public required string Receiver { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>Purpose binding (doelbinding) of the handover: care, protection or justice.</summary>
    public string? Purpose { get; init; }
    /// <summary>Legal basis for sharing: consent, legal-obligation or child-safety.</summary>
    public string? LegalBasis { get; init; }
    /// <summary>The canonical handover document (kind handover only).</summary>
    public JsonElement? Handover { get; init; }
    /// <summary>The feedback as the agency gave it (feedback kinds only).</summary>
    public JsonElement? Feedback { get; init; }
    public EscalationNotice? Escalation { get; init; }
}

public static class AgencyMailKinds
{
    public const string Handover = "handover";
    public const string Feedback = "feedback";
    public const string EscalationRaised = "escalation-raised";
    public const string EscalationResolved = "escalation-resolved";
}

/// <summary>The human-readable part of an escalation: which case, what is overdue, since when, who holds it.</summary>
public sealed record EscalationNotice
{
    public required int Level { get; init; }
    public required string DeadlineKind { get; init; }
    public required DateTimeOffset OverdueSince { get; init; }
    public required string ResponsibleAgency { get; init; }
    public required IReadOnlyList<EscalationAddressee> Addressees { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
}
