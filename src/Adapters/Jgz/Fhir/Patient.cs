using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>The child (jeugdige), identified by BSN.</summary>
public sealed record Patient : DomainResource
{
    [JsonIgnore] public override string TypeName => "Patient";
    public List<Identifier>? Identifier { get; init; }
    public List<HumanName>? Name { get; init; }
    public List<ContactPoint>? Telecom { get; init; }
    public string? Gender { get; init; }
    public string? BirthDate { get; init; }
    public List<Address>? Address { get; init; }
    public List<PatientContact>? Contact { get; init; }
}

/// <summary>A parent or guardian (ouder/voogd) as nl-core models it: a contact of the patient.</summary>
public sealed record PatientContact
{
    public List<Extension>? Extension { get; init; }
    public List<CodeableConcept>? Relationship { get; init; }
    public HumanName? Name { get; init; }
    public List<ContactPoint>? Telecom { get; init; }
}

/// <summary>Read only to tell who gave consent (a parent) when Consent.performer points at one.</summary>
public sealed record RelatedPerson : DomainResource
{
    [JsonIgnore] public override string TypeName => "RelatedPerson";
    public Reference? Patient { get; init; }
    public List<CodeableConcept>? Relationship { get; init; }
    public List<HumanName>? Name { get; init; }
}
