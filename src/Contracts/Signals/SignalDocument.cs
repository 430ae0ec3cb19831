using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Contracts.Signals;

/// <summary>
/// A signal (signaal) in the referral index (verwijsindex), API.md "Signals and matches": that a professional is
/// concerned about a young person, with the professional's contact, and never the concern itself.
/// Mirrors <c>signal.schema.json</c>.
/// </summary>
public sealed record SignalDocument
{
    public string SchemaVersion { get; init; } = "1.0";
    public Guid MessageId { get; init; }
    public string AgencyId { get; init; } = "";
    public Professional Professional { get; init; } = new();
    public SignalSubject Subject { get; init; } = new();
    public SignalFamily? Family { get; init; }
    public string Kind { get; init; } = "";
    /// <summary>Which case meeting (casusoverleg) discussed the child; with kind case-meeting.</summary>
    public string? MeetingId { get; init; }
}

public sealed record SignalSubject
{
    public string Bsn { get; init; } = "";
    public DateOnly BirthDate { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public Address? Address { get; init; }
}

public sealed record SignalFamily
{
    public IReadOnlyList<SignalGuardian>? Guardians { get; init; }
    public IReadOnlyList<SignalSibling>? Siblings { get; init; }
}

public sealed record SignalGuardian
{
    public string? Bsn { get; init; }
    public string? Name { get; init; }
}

public sealed record SignalSibling
{
    public string Bsn { get; init; } = "";
    public DateOnly? BirthDate { get; init; }
}

/// <summary>Signal kinds (API.md): a concern, a case meeting that discussed the child, or care the agency provides (ketenregistratie).</summary>
public static class SignalKinds
{
    public const string Concern = "concern";
    public const string CaseMeeting = "case-meeting";
    public const string Care = "care";

    public static readonly IReadOnlyList<string> All = [Concern, CaseMeeting, Care];
}
