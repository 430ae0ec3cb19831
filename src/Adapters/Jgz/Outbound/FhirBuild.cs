using System.Globalization;
using Hl7.Fhir.Model;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// Small builders shared by the renderers, so every resource names agencies and times the same way,
/// and no string the hub was given reaches FHIR empty or blank (FHIR forbids empty strings).
/// </summary>
static class FhirBuild
{
    /// <summary>The text to write, or null to leave the element out: FHIR strings may not be empty.</summary>
    public static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A stable urn:uuid per mail and part, so a redelivered mail renders byte for byte the same.</summary>
    public static string Urn(Guid mailId, string part) => $"urn:uuid:{DeterministicId.From("jgz", $"{mailId}/{part}")}";

    /// <summary>An agency as a logical reference: no resource needed, the hub's agency id says who.</summary>
    public static ResourceReference Agency(string? agencyId) => new()
    {
        Type = "Organization",
        Identifier = AgencyIdentifier(agencyId),
        Display = Text(agencyId),
    };

    public static Identifier AgencyIdentifier(string? agencyId) => new() { System = JgzSystems.Agency, Value = Text(agencyId) };

    public static Organization Organization(string? agencyId)
    {
        var organization = new Organization { Name = Text(agencyId) };
        organization.Identifier.Add(AgencyIdentifier(agencyId));
        return organization;
    }

    public static ResourceReference To(string fullUrl, string? display = null) => new() { Reference = fullUrl, Display = Text(display) };

    /// <summary>A concept with one coding; null when there is neither code nor text to say.</summary>
    public static CodeableConcept? Concept(string system, string? code, string? text = null)
    {
        var concept = new CodeableConcept { Text = Text(text) };
        if (Text(code) is { } value)
            concept.Coding.Add(new Coding { System = system, Code = value });
        return concept.Coding.Count > 0 || concept.Text is not null ? concept : null;
    }

    public static Identifier HandoverIdentifier(Guid handoverId) => new() { System = JgzSystems.Handover, Value = handoverId.ToString() };

    public static string DateTime(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static List<ContactPoint> Telecom(string? phone, string? email)
    {
        var points = new List<ContactPoint>();
        if (Text(phone) is { } number)
            points.Add(new ContactPoint { System = ContactPoint.ContactPointSystem.Phone, Value = number });
        if (Text(email) is { } address)
            points.Add(new ContactPoint { System = ContactPoint.ContactPointSystem.Email, Value = address });
        return points;
    }

    /// <summary>Adds what is there: FHIR lists hold no empty items.</summary>
    public static void AddIfAny<T>(this List<T> list, T? item) where T : class
    {
        if (item is not null)
            list.Add(item);
    }
}
