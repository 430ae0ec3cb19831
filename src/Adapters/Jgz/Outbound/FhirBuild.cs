using System.Globalization;
using IntegrationHub.Adapters.Jgz.Fhir;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>Small builders shared by the renderers, so every resource names agencies and times the same way.</summary>
static class FhirBuild
{
    /// <summary>A stable urn:uuid per mail and part, so a redelivered mail renders byte for byte the same.</summary>
    public static string Urn(Guid mailId, string part) => $"urn:uuid:{DeterministicId.From("jgz", $"{mailId}/{part}")}";

    /// <summary>An agency as a logical reference: no resource needed, the hub's agency id says who.</summary>
    public static Reference Agency(string agencyId) =>
        new() { Type = "Organization", Identifier = new Identifier { System = JgzSystems.Agency, Value = agencyId }, Display = agencyId };

    public static Organization Organization(string agencyId) => new()
    {
        Identifier = [new Identifier { System = JgzSystems.Agency, Value = agencyId }],
        Name = agencyId,
    };

    public static Reference To(string fullUrl, string? display = null) => new() { Ref = fullUrl, Display = display };

    public static CodeableConcept Concept(string system, string code, string? text = null) =>
        new() { Coding = [new Coding { System = system, Code = code }], Text = text };

    public static Identifier HandoverIdentifier(Guid handoverId) => new() { System = JgzSystems.Handover, Value = handoverId.ToString() };

    public static string DateTime(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static List<ContactPoint>? Telecom(string? phone, string? email)
    {
        var points = new List<ContactPoint>();
        if (!string.IsNullOrWhiteSpace(phone))
            points.Add(new ContactPoint { System = "phone", Value = phone });
        if (!string.IsNullOrWhiteSpace(email))
            points.Add(new ContactPoint { System = "email", Value = email });
        return points.Count > 0 ? points : null;
    }
}
