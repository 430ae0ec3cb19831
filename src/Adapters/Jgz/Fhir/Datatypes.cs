using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

// FHIR R4 datatypes, only the elements the adapter reads or writes; unknown elements are skipped on
// read. Dates stay strings: FHIR allows partial dates ("2016-04"), which the mapper judges with a path.

public sealed record Identifier
{
    public string? Use { get; init; }
    public string? System { get; init; }
    public string? Value { get; init; }
}

public sealed record Reference
{
    [JsonPropertyName("reference")]
    public string? Ref { get; init; }
    public string? Type { get; init; }
    /// <summary>A logical reference: the thing by its business identifier, no resource needed.</summary>
    public Identifier? Identifier { get; init; }
    public string? Display { get; init; }
}

public sealed record Coding
{
    public string? System { get; init; }
    public string? Code { get; init; }
    public string? Display { get; init; }
}

public sealed record CodeableConcept
{
    public List<Coding>? Coding { get; init; }
    public string? Text { get; init; }
}

public sealed record HumanName
{
    public string? Use { get; init; }
    public string? Text { get; init; }
    public string? Family { get; init; }
    public List<string>? Given { get; init; }
}

public sealed record Address
{
    public string? Use { get; init; }
    public List<string>? Line { get; init; }
    /// <summary>Extensions on each line: nl-core puts street name and house number here (ADXP).</summary>
    [JsonPropertyName("_line")]
    public List<Element?>? LineElements { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? Country { get; init; }
}

public sealed record ContactPoint
{
    public string? System { get; init; }
    public string? Value { get; init; }
    public string? Use { get; init; }
}

public sealed record Period
{
    public string? Start { get; init; }
    public string? End { get; init; }
}

public sealed record Annotation
{
    public string? Text { get; init; }
    public string? Time { get; init; }
}

/// <summary>Extensions are ignored unless the adapter defines them (see JgzSystems).</summary>
public sealed record Extension
{
    public string? Url { get; init; }
    public string? ValueString { get; init; }
    public bool? ValueBoolean { get; init; }
    public string? ValueCode { get; init; }
}

/// <summary>The element part of a primitive (the <c>_name</c> sibling in FHIR JSON).</summary>
public sealed record Element
{
    public List<Extension>? Extension { get; init; }
}
