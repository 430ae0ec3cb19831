using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>
/// Base of every FHIR resource the adapter knows. <c>resourceType</c> is the polymorphic
/// discriminator, so System.Text.Json writes it first, as FHIR JSON requires. A resource of a type
/// this model does not know (Provenance, MessageHeader...) still reads, as a bare <see cref="Resource"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "resourceType", IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(Bundle), "Bundle")]
[JsonDerivedType(typeof(FhirTask), "Task")]
[JsonDerivedType(typeof(ServiceRequest), "ServiceRequest")]
[JsonDerivedType(typeof(Patient), "Patient")]
[JsonDerivedType(typeof(RelatedPerson), "RelatedPerson")]
[JsonDerivedType(typeof(Organization), "Organization")]
[JsonDerivedType(typeof(Practitioner), "Practitioner")]
[JsonDerivedType(typeof(PractitionerRole), "PractitionerRole")]
[JsonDerivedType(typeof(Consent), "Consent")]
[JsonDerivedType(typeof(Communication), "Communication")]
public record Resource
{
    // FHIR writes id, meta, contained and extension before a resource's own elements.
    [JsonPropertyOrder(-4)] public string? Id { get; init; }
    [JsonPropertyOrder(-3)] public Meta? Meta { get; init; }

    /// <summary>The FHIR type name; null for a resource type this model does not know.</summary>
    [JsonIgnore]
    public virtual string? TypeName => null;
}

/// <summary>Resources that may carry contained resources and extensions (FHIR DomainResource).</summary>
public abstract record DomainResource : Resource
{
    [JsonPropertyOrder(-2)] public List<Resource>? Contained { get; init; }
    [JsonPropertyOrder(-1)] public List<Extension>? Extension { get; init; }
}

public sealed record Meta
{
    public string? VersionId { get; init; }
    public string? LastUpdated { get; init; }
    public List<string>? Profile { get; init; }
}
