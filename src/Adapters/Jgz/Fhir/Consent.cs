using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>Consent to share (toestemming): the legal basis when parents or the young person agreed.</summary>
public sealed record Consent : DomainResource
{
    [JsonIgnore] public override string TypeName => "Consent";
    public string? Status { get; init; }
    public CodeableConcept? Scope { get; init; }
    public List<CodeableConcept>? Category { get; init; }
    public Reference? Patient { get; init; }
    public string? DateTime { get; init; }
    public List<Reference>? Performer { get; init; }
    public CodeableConcept? PolicyRule { get; init; }
    public ConsentProvision? Provision { get; init; }
}

public sealed record ConsentProvision
{
    public string? Type { get; init; }
    public Period? Period { get; init; }
    public List<ConsentActor>? Actor { get; init; }
}

public sealed record ConsentActor
{
    public CodeableConcept? Role { get; init; }
    public Reference? Reference { get; init; }
}
