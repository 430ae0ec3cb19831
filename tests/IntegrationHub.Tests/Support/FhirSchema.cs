using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;
using NJsonSchema;
using NJsonSchema.Validation;

namespace IntegrationHub.Tests.Support;

/// <summary>
/// HL7's official FHIR R4 JSON schema, fetched by scripts/fetch-fhir-schema.sh from a pinned npm
/// package. Loaded once per test run: the file is 3.8 MB and takes about a second to read.
/// </summary>
public static class FhirSchema
{
    const string Script = "scripts/fetch-fhir-schema.sh";

    static readonly Lazy<JsonSchema> Schema = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Location =>
        Environment.GetEnvironmentVariable("FHIR_SCHEMA_PATH") is { Length: > 0 } configured
            ? configured
            : RepoFiles.Path(".tmp", "fhir", "fhir.schema.json");

    /// <summary>Every violation of the schema; empty means the resource is valid FHIR R4 JSON.</summary>
    public static IReadOnlyList<string> Violations(string json) =>
        Schema.Value.Validate(json).SelectMany(Flatten).ToList();

    static JsonSchema Load()
    {
        var path = Location;
        // Never skip: a missing schema would let every FHIR check pass without checking anything.
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"The FHIR R4 JSON schema is missing at {path}. Run `bash {Script}` from the repository root " +
                "(or set FHIR_SCHEMA_PATH to the schema file) before running the tests.");
        var schema = JsonNode.Parse(File.ReadAllText(path))!;
        ConstToEnum(schema);
        return JsonSchema.FromJsonAsync(schema.ToJsonString()).GetAwaiter().GetResult();
    }

    /// <summary>
    /// NJsonSchema 10.7 ignores draft-06 <c>const</c>, and <c>resourceType</c> is a const in every
    /// resource definition: without it a small resource matches several branches of the schema's
    /// oneOf and fails (or a wrong one passes). A one-value <c>enum</c> says the same and is honoured.
    /// </summary>
    static void ConstToEnum(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            if (obj["const"] is { } value && obj["enum"] is null)
            {
                obj.Remove("const");
                obj["enum"] = new JsonArray(value.DeepClone());
            }
            foreach (var (_, child) in obj.ToList())
                ConstToEnum(child);
        }
        else if (node is JsonArray array)
            foreach (var child in array)
                ConstToEnum(child);
    }

    static IEnumerable<string> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError { Errors.Count: > 0 } child
            ? child.Errors.SelectMany(e => e.Value).SelectMany(Flatten).Prepend($"{error.Path}: {error.Kind}")
            : [$"{error.Path}: {error.Kind}"];
}
