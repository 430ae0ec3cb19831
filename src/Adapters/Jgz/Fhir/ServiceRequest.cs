using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>What is asked of the receiver (hulpvraag): the requested action, concerns and purpose.</summary>
public sealed record ServiceRequest : DomainResource
{
    [JsonIgnore] public override string TypeName => "ServiceRequest";
    public List<Identifier>? Identifier { get; init; }
    public string? Status { get; init; }
    public string? Intent { get; init; }
    public List<CodeableConcept>? Category { get; init; }
    public string? Priority { get; init; }
    public CodeableConcept? Code { get; init; }
    public Reference? Subject { get; init; }
    public string? AuthoredOn { get; init; }
    public Reference? Requester { get; init; }
    public List<Reference>? Performer { get; init; }
    public List<CodeableConcept>? ReasonCode { get; init; }
    public List<Annotation>? Note { get; init; }
}
