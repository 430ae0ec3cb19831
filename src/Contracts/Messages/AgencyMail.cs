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
    /// <summary>With feedback to the sender after a rejection or withdrawal: by when it must re-route the child, and where to.</summary>
    public RerouteNotice? Reroute { get; init; }
    /// <summary>A notice of the hub's own (kind notice): a transition plan needed, a decision, an overdue acknowledgement.</summary>
    public HubNotice? Notice { get; init; }
    /// <summary>The hub's answer to a message the agency sent (kind retour), as the iJw/iWmo standards answer every message.</summary>
    public RetourNotice? Retour { get; init; }
    /// <summary>A match in the referral index (kind match). Mail not about one handover carries <see cref="Guid.Empty"/> as HandoverId and the hub as Sender.</summary>
    public MatchNotice? Match { get; init; }
}

/// <summary>
/// The answer to one inbound message (retourbericht): its messageId, the handover it made or concerned, whether the
/// hub accepted or refused it, and codes from the hub's published list (docs/retour-codes.md), each with the path
/// in the message it is about. Never a value from the message.
/// </summary>
public sealed record RetourNotice
{
    public required Guid MessageId { get; init; }
    /// <summary>The message's id as the agency wrote it in its own format (a BJZ BerichtId, a school's Berichtnummer), where the hub could read one.</summary>
    public string? SourceMessageId { get; init; }
    public Guid? HandoverId { get; init; }
    /// <summary>accepted or refused.</summary>
    public required string Status { get; init; }
    public required IReadOnlyList<RetourCode> Codes { get; init; }
    /// <summary>The version of the code list the codes come from.</summary>
    public string CodeList { get; init; } = RetourCodes.Version;
}

public sealed record RetourCode
{
    public required string Code { get; init; }
    public required string Text { get; init; }
    /// <summary>Where in the message (a JSON path, or the agency format's own) the code is about; none for the message as a whole.</summary>
    public string? Path { get; init; }
}

/// <summary>The hub's retour codes (docs/retour-codes.md), versioned; modelled on the iJw/iWmo retour codes (0001, 0200).</summary>
public static class RetourCodes
{
    public const string Version = "1.0";
    public const string Accepted = "accepted";
    public const string Refused = "refused";

    public static readonly RetourCode NoRemark = new() { Code = "0200", Text = "Geen opmerking: het bericht is aangenomen" };
    public static readonly RetourCode AcceptedBefore = new() { Code = "0201", Text = "Eerder ontvangen: het eerste antwoord geldt" };
    public static RetourCode Unreadable(string? path) => new() { Code = "0001", Text = "Afgekeurd om technische redenen: het bericht is niet leesbaar", Path = path };
    public static RetourCode Invalid(string path) => new() { Code = "8001", Text = "Afgekeurd: de inhoud voldoet niet aan het formaat of de regels", Path = path };
    public static RetourCode Impersonation(string path) => new() { Code = "8002", Text = "Afgekeurd: het bericht noemt een andere afzender dan de instantie die het stuurt", Path = path };
    public static readonly RetourCode UnknownHandover = new() { Code = "8003", Text = "Afgekeurd: onbekende overdracht" };
    public static RetourCode DoesNotFit(string? path) => new() { Code = "8004", Text = "Afgekeurd: past niet bij de stand van de overdracht", Path = path };
    public static readonly RetourCode MessageIdReused = new() { Code = "8005", Text = "Afgekeurd: dit berichtnummer is eerder gebruikt voor een ander bericht" };
    public static RetourCode WrongParty(string? path) => new() { Code = "8006", Text = "Afgekeurd: deze partij mag dit bericht op deze overdracht niet geven", Path = path };
    public static readonly RetourCode NotTaken = new() { Code = "9001", Text = "Afgekeurd: de hub kon het bericht na herhaalde pogingen niet verwerken" };
    public static readonly RetourCode NotProcessed = new() { Code = "9002", Text = "Niet verwerkt: een eerder bericht in dezelfde zending is afgekeurd; stuur dit bericht opnieuw" };

    /// <summary>Every code of this version, for the published list (docs/retour-codes.md) and its test.</summary>
    public static IReadOnlyList<RetourCode> All =>
    [
        NoRemark, AcceptedBefore, Unreadable(null), Invalid(""), Impersonation(""), UnknownHandover, DoesNotFit(null), MessageIdReused,
        WrongParty(null), NotTaken, NotProcessed,
    ];
}

/// <summary>The sender still holds the case: it must re-route the child, keep care itself or close, by <see cref="DueAt"/>.</summary>
public sealed record RerouteNotice
{
    public required DateTimeOffset DueAt { get; init; }
    public string? SuggestedAgencyId { get; init; }
}

/// <summary>
/// A notice meant for people at the agency: what (<see cref="Kind"/>, a code), a short title in the chain's words,
/// and facts as name/value pairs (ids, dates, agencies, never personal data).
/// </summary>
public sealed record HubNotice
{
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();
}

public static class NoticeKinds
{
    public const string TransitionPlanNeeded = "transition-plan-needed";
    public const string AcknowledgementOverdue = "acknowledgement-overdue";
    public const string Decision = "decision";
    public const string ComplianceOverdue = "compliance-overdue";
}

public static class AgencyMailKinds
{
    public const string Handover = "handover";
    public const string Feedback = "feedback";
    public const string EscalationRaised = "escalation-raised";
    public const string EscalationResolved = "escalation-resolved";
    /// <summary>A notice of the hub's own (<see cref="HubNotice"/>).</summary>
    public const string Notice = "notice";
    /// <summary>The hub's answer to a message the agency sent (<see cref="RetourNotice"/>).</summary>
    public const string Retour = "retour";
    /// <summary>A match in the referral index (<see cref="MatchNotice"/>; API.md, Signals and matches).</summary>
    public const string Match = "match";
}

/// <summary>The human-readable part of an escalation: which case, what is overdue, since when, who holds it.</summary>
public sealed record EscalationNotice
{
    /// <summary>The escalation's id: what an acknowledgement or a decision names (POST /api/escalations/{id}/...).</summary>
    public Guid EscalationId { get; init; }
    public required int Level { get; init; }
    public required string DeadlineKind { get; init; }
    public required DateTimeOffset OverdueSince { get; init; }
    public required string ResponsibleAgency { get; init; }
    public required IReadOnlyList<EscalationAddressee> Addressees { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public string? ResolvedBy { get; init; }
    /// <summary>An escalation on request: why (EscalationReasons) and who asked.</summary>
    public string? Reason { get; init; }
    public string? RequestedBy { get; init; }
    /// <summary>This agency is asked to acknowledge the notice by then (level 2 and up).</summary>
    public DateTimeOffset? AcknowledgeBy { get; init; }
    /// <summary>Sent again: the acknowledgement was not given in time.</summary>
    public bool Renotice { get; init; }
}
