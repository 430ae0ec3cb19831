using System.Text.Json.Serialization;

namespace IntegrationHub.Hub.Audit.Fhir;

// A deliberately small FHIR R4 model: only the elements the delivery-log export writes, typed so that
// nothing outside the R4 AuditEvent/Bundle definitions can be serialised. Property names are FHIR's
// (camelCase via the serialiser options). See docs/audit.md for the mapping.

public sealed record FhirBundle
{
    public string ResourceType => "Bundle";
    public required string Id { get; init; }
    /// <summary>Always "collection": a set of resources, not a transaction or a search result.</summary>
    public string Type => "collection";
    public required string Timestamp { get; init; }
    /// <summary>Null rather than empty: FHIR JSON forbids empty arrays.</summary>
    public IReadOnlyList<FhirBundleEntry>? Entry { get; init; }
}

public sealed record FhirBundleEntry
{
    public required string FullUrl { get; init; }
    public required AuditEvent Resource { get; init; }
}

/// <summary>FHIR R4 AuditEvent (http://hl7.org/fhir/R4/auditevent.html).</summary>
public sealed record AuditEvent
{
    public string ResourceType => "AuditEvent";
    public required string Id { get; init; }
    public required Coding Type { get; init; }
    public IReadOnlyList<Coding>? Subtype { get; init; }
    /// <summary>C, R, U, D or E (<see cref="AuditEventCodes"/>).</summary>
    public required string Action { get; init; }
    /// <summary>An instant: UTC, at least to the second.</summary>
    public required string Recorded { get; init; }
    /// <summary>0 success, 4 minor failure, 8 serious failure.</summary>
    public required string Outcome { get; init; }
    public string? OutcomeDesc { get; init; }
    public required IReadOnlyList<AuditEventAgent> Agent { get; init; }
    public required AuditEventSource Source { get; init; }
    public IReadOnlyList<AuditEventEntity>? Entity { get; init; }
}

public sealed record AuditEventAgent
{
    public CodeableConcept? Type { get; init; }
    public required Reference Who { get; init; }
    public required bool Requestor { get; init; }
}

public sealed record AuditEventSource
{
    public required Reference Observer { get; init; }
    public IReadOnlyList<Coding>? Type { get; init; }
}

public sealed record AuditEventEntity
{
    public required Reference What { get; init; }
    public Coding? Type { get; init; }
    public IReadOnlyList<AuditEventDetail>? Detail { get; init; }
}

public sealed record AuditEventDetail(string Type, string ValueString);

public sealed record Coding(string System, string Code, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Display = null);

public sealed record CodeableConcept(IReadOnlyList<Coding> Coding);

public sealed record Identifier(string System, string Value);

public sealed record Reference
{
    public Identifier? Identifier { get; init; }
    public string? Display { get; init; }
}

/// <summary>The code values R4 allows for AuditEvent.action and AuditEvent.outcome.</summary>
public static class AuditEventCodes
{
    public const string ActionCreate = "C";
    public const string ActionExecute = "E";
    public const string OutcomeSuccess = "0";
    public const string OutcomeMinorFailure = "4";
    public const string OutcomeSeriousFailure = "8";
}
