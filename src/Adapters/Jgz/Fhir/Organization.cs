using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>An agency (ketenpartner); the hub's agency id is one of its identifiers.</summary>
public sealed record Organization : DomainResource
{
    [JsonIgnore] public override string TypeName => "Organization";
    public List<Identifier>? Identifier { get; init; }
    public string? Name { get; init; }
    public List<ContactPoint>? Telecom { get; init; }
}
