using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>FHIR Task: the handover request (overdracht) and, by its status, the feedback on it.</summary>
public sealed record FhirTask : DomainResource
{
    [JsonIgnore] public override string TypeName => "Task";
    public List<Identifier>? Identifier { get; init; }
    public List<Reference>? BasedOn { get; init; }
    public string? Status { get; init; }
    public CodeableConcept? StatusReason { get; init; }
    public CodeableConcept? BusinessStatus { get; init; }
    public string? Intent { get; init; }
    public string? Priority { get; init; }
    public CodeableConcept? Code { get; init; }
    public string? Description { get; init; }
    public Reference? Focus { get; init; }
    public Reference? For { get; init; }
    public Period? ExecutionPeriod { get; init; }
    public string? AuthoredOn { get; init; }
    public string? LastModified { get; init; }
    public Reference? Requester { get; init; }
    public Reference? Owner { get; init; }
    public CodeableConcept? ReasonCode { get; init; }
    public List<Annotation>? Note { get; init; }
}
