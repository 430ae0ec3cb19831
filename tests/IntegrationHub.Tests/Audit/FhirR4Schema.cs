using NJsonSchema;
using NJsonSchema.Validation;

namespace IntegrationHub.Tests.Audit;

/// <summary>
/// HL7's official FHIR R4 JSON schema, fetched by scripts/fetch-fhir-schema.sh into .tmp/fhir
/// (FHIR_SCHEMA_PATH overrides). Loaded once per test run. A missing file fails the test, never skips it.
/// </summary>
public static class FhirR4Schema
{
    static readonly Lazy<Task<JsonSchema>> Schema = new(LoadAsync);

    public static string FilePath =>
        Environment.GetEnvironmentVariable("FHIR_SCHEMA_PATH") is { Length: > 0 } path ? path : Support.RepoFiles.Path(".tmp", "fhir", "fhir.schema.json");

    public static async Task<IReadOnlyList<string>> ErrorsAsync(string json)
    {
        var schema = await Schema.Value;
        return schema.Validate(json).Select(Describe).ToList();
    }

    static Task<JsonSchema> LoadAsync()
    {
        if (!File.Exists(FilePath))
            throw new InvalidOperationException(
                $"The FHIR R4 JSON schema is not at {FilePath}. Run scripts/fetch-fhir-schema.sh (or set FHIR_SCHEMA_PATH) before the tests.");
        return JsonSchema.FromFileAsync(FilePath);
    }

    static string Describe(ValidationError error) => error is ChildSchemaValidationError child
        ? $"{error.Path}: {error.Kind} [{string.Join("; ", child.Errors.SelectMany(e => e.Value).Select(Describe))}]"
        : $"{error.Path}: {error.Kind}";
}
