using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;

namespace IntegrationHub.Tests.Support;

/// <summary>
/// Everything a FHIR R4 reader could hold against a document the hub emits, checked four ways:
/// the Firely SDK's strict parse (narratives checked as FHIR XHTML); the SDK's validation of the
/// parsed resources (cardinality, primitives, required codes); HL7's R4 invariants that apply to what
/// the hub emits, evaluated with the SDK's FHIRPath engine (the SDK's specification package, which
/// would carry them all, is not on the package mirror); and HL7's R4 JSON schema (<see cref="FhirSchema"/>),
/// for the document (and, when it fails, each resource in it).
/// </summary>
public static class FhirConformance
{
    static readonly FhirJsonDeserializer Strict =
        new(new DeserializerSettings().UsingMode(DeserializationMode.Strict, NarrativeValidationKind.FhirXhtml));

    public static IReadOnlyList<string> Violations(byte[] json) => Violations(Encoding.UTF8.GetString(json));

    /// <param name="withSchema">
    /// False skips the JSON schema, for inputs only: NJsonSchema needs seconds per contained resource
    /// (each is matched against every resource type), and the SDK's parse already holds them to R4.
    /// </param>
    public static IReadOnlyList<string> Violations(string json, bool withSchema = true)
    {
        var violations = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!Strict.TryDeserializeResource(ref reader, out var resource, out var issues))
            violations.AddRange(issues.Select(i => $"parse {i.ErrorCode} at {(i as ExtendedCodedException)?.InstancePath}: {i.Message}"));
        if (resource is null)
            return violations;
        violations.AddRange(resource.Validate(NarrativeValidationKind.FhirXhtml, null)
            .Select(v => $"validation {v.ErrorCode} at {v.InstancePath}: {v.Message}"));
        foreach (var (located, path, contained) in Resources(resource, resource.TypeName, contained: false))
            foreach (var invariant in FhirInvariants.For(located, contained))
                if (!Holds(located, invariant.Expression))
                    violations.Add($"invariant {invariant.Key} at {path}: {invariant.Human}");
        if (!withSchema)
            return violations;
        var schema = FhirSchema.Violations(json);
        violations.AddRange(schema.Select(v => $"schema: {v}"));
        // A Bundle's entries one by one only to say which resource broke it: the schema is slow on large documents.
        if (schema.Count > 0)
            foreach (var entry in JsonNode.Parse(json)!["entry"]?.AsArray() ?? [])
                if (entry?["resource"] is { } inner)
                    violations.AddRange(FhirSchema.Violations(inner.ToJsonString()).Select(v => $"schema ({inner["resourceType"]}): {v}"));
        return violations;
    }

    static bool Holds(Resource resource, string expression)
    {
        try
        {
            // As validators read an invariant: it fails only when it evaluates to false.
            return resource.Predicate(expression, new FhirEvaluationContext());
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"the FHIRPath engine cannot evaluate {expression}", e);
        }
    }

    static IEnumerable<(Resource Resource, string Path, bool Contained)> Resources(Resource resource, string path, bool contained)
    {
        yield return (resource, path, contained);
        if (resource is Bundle bundle)
            for (var i = 0; i < bundle.Entry.Count; i++)
                if (bundle.Entry[i].Resource is { } inner)
                    foreach (var nested in Resources(inner, $"{path}.entry[{i}].resource", contained: false))
                        yield return nested;
        if (resource is DomainResource domain)
            for (var i = 0; i < domain.Contained.Count; i++)
                yield return (domain.Contained[i], $"{path}.contained[{i}]", true);
    }
}
