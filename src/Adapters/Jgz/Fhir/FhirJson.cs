using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>How FHIR JSON is read and written: camelCase, nulls omitted, strict about JSON types.</summary>
public static class FhirJson
{
    public const int MaxDepth = 64;

    public static readonly JsonSerializerOptions Options = Create();

    static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Real systems do not always put resourceType first, although FHIR asks them to.
            AllowOutOfOrderMetadataProperties = true,
            // Dutch names (Müller, coördinator) stay readable in what agencies receive.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = true,
            MaxDepth = MaxDepth,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
