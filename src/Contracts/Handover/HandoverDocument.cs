namespace IntegrationHub.Contracts.Handover;

/// <summary>
/// The fixed handover format (overdracht), schema version 1.0: what one agency hands to another so
/// the receiver need not ask the family again. Mirrors <c>handover.schema.json</c> exactly.
/// </summary>
public sealed record HandoverDocument
{
    public string SchemaVersion { get; init; } = "1.0";
    public Guid MessageId { get; init; }
    public Guid? HandoverId { get; init; }
    /// <summary>The sender's earlier handover of this child that was rejected or withdrawn: this one re-routes it.</summary>
    public Guid? PredecessorHandoverId { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public Party Sender { get; init; } = new();
    public Receiver Receiver { get; init; } = new();
    public string Urgency { get; init; } = "";
    public string Purpose { get; init; } = "";
    public LegalBasis LegalBasis { get; init; } = new();
    public Person Subject { get; init; } = new();
    public Family? Family { get; init; }
    public IReadOnlyList<Concern> Concerns { get; init; } = [];
    public string RequestedAction { get; init; } = "";
    public IReadOnlyList<Party>? InvolvedProfessionals { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public string? Summary { get; init; }
}

public sealed record Party
{
    public string AgencyId { get; init; } = "";
    public Professional? Professional { get; init; }
}

public sealed record Receiver
{
    public string AgencyId { get; init; } = "";
}

public sealed record Professional
{
    public string Name { get; init; } = "";
    public string? Role { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
}

/// <summary>Legal basis for sharing (grondslag): consent, a legal duty, or the child's safety.</summary>
public sealed record LegalBasis
{
    public string Kind { get; init; } = "";
    public IReadOnlyList<string>? ConsentGivenBy { get; init; }
    public DateOnly? ConsentDate { get; init; }
    public string? Reference { get; init; }
}

public sealed record Person
{
    public string Bsn { get; init; } = "";
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public DateOnly BirthDate { get; init; }
    public Address? Address { get; init; }
}

public sealed record Address
{
    public string? Street { get; init; }
    public string? HouseNumber { get; init; }
    public string? PostalCode { get; init; }
    public string? City { get; init; }
}

public sealed record Family
{
    public IReadOnlyList<Guardian>? Guardians { get; init; }
    public IReadOnlyList<Person>? Siblings { get; init; }
}

/// <summary>A parent or guardian; <see cref="HasAuthority"/> is parental authority (gezag).</summary>
public sealed record Guardian
{
    /// <summary>The hub's extension: the guardian's BSN, optional; children sharing a guardian make a family match (docs/chain.md).</summary>
    public string? Bsn { get; init; }
    public string Name { get; init; } = "";
    public string Relationship { get; init; } = "";
    public bool? HasAuthority { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
}

public sealed record Concern
{
    public string Domain { get; init; } = "";
    public string Description { get; init; } = "";
}

public sealed record Attachment
{
    public string Title { get; init; } = "";
    public string ContentType { get; init; } = "";
    public Uri Uri { get; init; } = new("about:blank");
    public long SizeBytes { get; init; }
    public string Sha256 { get; init; } = "";
}
