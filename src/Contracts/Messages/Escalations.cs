namespace IntegrationHub.Contracts.Messages;

/// <summary>Who an escalation notice is for: a role at an agency, with the agency's contact for it.</summary>
public sealed record EscalationAddressee
{
    public required string AgencyId { get; init; }
    public required string Role { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
}

/// <summary>Why someone escalates besides a missed deadline (seed 001:1992-1998, 2457-2479, 3361-3365, 3432-3442).</summary>
public static class EscalationReasons
{
    public const string NoContact = "no-contact";
    public const string Disagreement = "disagreement";
    public const string AgreementsNotKept = "agreements-not-kept";
    public const string NoCapacity = "no-capacity";
    public const string NoResult = "no-result";
    /// <summary>The child's safety: may start at the administrative level.</summary>
    public const string Unsafe = "unsafe";

    public static readonly IReadOnlyList<string> All = [NoContact, Disagreement, AgreementsNotKept, NoCapacity, NoResult, Unsafe];
}

/// <summary>A party, a coordinator or the chain office escalates a handover on its content (opschaling op verzoek).</summary>
public sealed record EscalationRequested
{
    public required Guid HandoverId { get; init; }
    public required Guid EscalationId { get; init; }
    public required string Reason { get; init; }
    public required int Level { get; init; }
    /// <summary>Who asked: an agency id, or an operator's name.</summary>
    public required string RequestedBy { get; init; }
    /// <summary>The agency the escalation is about: the ladder addresses its people.</summary>
    public required string About { get; init; }
    public string? Note { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>An addressee's agency has read an escalation notice (level 2 and up ask for it).</summary>
public sealed record NoticeAcknowledged
{
    public required Guid HandoverId { get; init; }
    public required Guid EscalationId { get; init; }
    public required string AgencyId { get; init; }
    public required string By { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>A party bound by a decision, and by when it must comply.</summary>
public sealed record BoundParty
{
    public required string AgencyId { get; init; }
    public required DateOnly ComplyBy { get; init; }
}

/// <summary>
/// Whoever holds binding authority at that level (doorzettingsmacht: a focal-point officer, the alderman, the
/// mayor) decided; the text stays with them (a reference), the hub watches each bound party's compliance.
/// </summary>
public sealed record DecisionRecorded
{
    public required Guid HandoverId { get; init; }
    public required Guid EscalationId { get; init; }
    public required Guid DecisionId { get; init; }
    public required string DecidedBy { get; init; }
    public required string Reference { get; init; }
    public required IReadOnlyList<BoundParty> BoundParties { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>A bound party reports it complied with a decision.</summary>
public sealed record ComplianceReported
{
    public required Guid HandoverId { get; init; }
    public required Guid DecisionId { get; init; }
    public required string AgencyId { get; init; }
    public required string By { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Note { get; init; }
}

/// <summary>An escalation on request is settled: by the one who asked, or the chain office.</summary>
public sealed record RequestedEscalationClosed
{
    public required Guid HandoverId { get; init; }
    public required Guid EscalationId { get; init; }
    public required string By { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Note { get; init; }
}
