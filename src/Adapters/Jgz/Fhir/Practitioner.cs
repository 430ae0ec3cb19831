using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>The professional (hulpverlener) behind a handover.</summary>
public sealed record Practitioner : DomainResource
{
    [JsonIgnore] public override string TypeName => "Practitioner";
    public List<Identifier>? Identifier { get; init; }
    public List<HumanName>? Name { get; init; }
    public List<ContactPoint>? Telecom { get; init; }
}

/// <summary>A professional in a role at an agency: links Practitioner and Organization.</summary>
public sealed record PractitionerRole : DomainResource
{
    [JsonIgnore] public override string TypeName => "PractitionerRole";
    public Reference? Practitioner { get; init; }
    public Reference? Organization { get; init; }
    public List<CodeableConcept>? Code { get; init; }
    public List<ContactPoint>? Telecom { get; init; }
}
