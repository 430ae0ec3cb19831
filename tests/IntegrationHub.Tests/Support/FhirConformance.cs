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
/// for the document and each resource in it.
/// </summary>
public static class FhirConformance
{
    static readonly FhirJsonDeserializer Strict =
        new(new DeserializerSettings().UsingMode(DeserializationMode.Strict, NarrativeValidationKind.FhirXhtml));

    public static IReadOnlyList<string> Violations(byte[] json) => Violations(Encoding.UTF8.GetString(json));

    public static IReadOnlyList<string> Violations(string json)
    {
        var violations = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!Strict.TryDeserializeResource(ref reader, out var resource, out var issues))
            violations.AddRange(issues.Select(i => $"parse {i.ErrorCode} at {(i as ExtendedCodedException)?.InstancePath}: {i.Message}"));
        if (resource is null)
            return violations;
        violations.AddRange(resource.Validate(NarrativeValidationKind.FhirXhtml, null)
            .Select(v => $"validation {v.ErrorCode} at {v.InstancePath}: {v.Message}"));
        foreach (var (located, path) in Resources(resource, resource.TypeName))
            foreach (var invariant in FhirInvariants.For(located))
                if (!Holds(located, invariant.Expression))
                    violations.Add($"invariant {invariant.Key} at {path}: {invariant.Human}");
        violations.AddRange(FhirSchema.Violations(json).Select(v => $"schema: {v}"));
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

    static IEnumerable<(Resource Resource, string Path)> Resources(Resource resource, string path)
    {
        yield return (resource, path);
        if (resource is Bundle bundle)
            for (var i = 0; i < bundle.Entry.Count; i++)
                if (bundle.Entry[i].Resource is { } inner)
                    foreach (var nested in Resources(inner, $"{path}.entry[{i}].resource"))
                        yield return nested;
        if (resource is DomainResource domain)
            for (var i = 0; i < domain.Contained.Count; i++)
                yield return (domain.Contained[i], $"{path}.contained[{i}]");
    }
}
