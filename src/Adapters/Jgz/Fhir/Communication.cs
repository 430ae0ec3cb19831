using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>A notice to the agency; the adapter uses it for escalations (opschaling).</summary>
public sealed record Communication : DomainResource
{
    [JsonIgnore] public override string TypeName => "Communication";
    public List<Identifier>? Identifier { get; init; }
    public string? Status { get; init; }
    public List<CodeableConcept>? Category { get; init; }
    public string? Priority { get; init; }
    public List<Reference>? About { get; init; }
    public string? Sent { get; init; }
    public List<Reference>? Recipient { get; init; }
    public Reference? Sender { get; init; }
    public List<CommunicationPayload>? Payload { get; init; }
}

public sealed record CommunicationPayload
{
    public string? ContentString { get; init; }
}
