using System.Text.Encodings.Web;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace IntegrationHub.Adapters.Jgz.Fhir;

/// <summary>
/// How the adapter reads and writes FHIR R4 JSON: the Firely SDK's parser and serialiser, set up once.
/// </summary>
public static class FhirJson
{
    public const int MaxDepth = 64;

    /// <summary>
    /// Strict: unknown elements, wrong JSON types, invalid primitives, codes outside a required value
    /// set, missing mandatory elements and empty strings are all reported with their FHIRPath.
    /// Narratives are not checked: the hub never reads them, and FHIR lets a reader ignore them.
    /// Profiles, extensions and <c>meta</c> never fail a parse; modifiers are judged after it
    /// (<see cref="Modifiers"/>).
    /// </summary>
    public static readonly FhirJsonDeserializer Deserializer =
        new(new DeserializerSettings().UsingMode(DeserializationMode.Strict, NarrativeValidationKind.None));

    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Indented, with Dutch names (Müller, coördinator) readable rather than escaped.</summary>
    public static readonly JsonSerializerOptions Writer = new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        MaxDepth = MaxDepth,
    }.ForFhir(ModelInfo.ModelInspector);

    public static byte[] Serialize(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, Writer);
}
