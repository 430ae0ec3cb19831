using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using IntegrationHub.Adapters.Jgz.Fhir;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// Turns the raw body into a FHIR resource with the SDK, or says why it cannot. Too big, not UTF-8,
/// not JSON or nested too deep is "malformed" (400); JSON that is not valid FHIR R4, or that carries a
/// modifier the hub does not understand, is invalid (422) with the FHIRPath of each element.
/// </summary>
static class FhirBody
{
    public const string Root = "/";

    public static Resource? Parse(ReadOnlyMemory<byte> body, string? contentType, int maxBytes, out InboundResult? failure)
    {
        failure = Check(body, contentType, maxBytes);
        if (failure is not null)
            return null;
        var bytes = body.Span.StartsWith(Utf8Bom) ? body[Utf8Bom.Length..] : body;

        if (!StartsWithObject(bytes.Span, out failure))
            return null;
        Resource? resource;
        IEnumerable<CodedException> issues;
        try
        {
            var reader = new Utf8JsonReader(bytes.Span, FhirJson.ReaderOptions);
            FhirJson.Deserializer.TryDeserializeResource(ref reader, out resource, out issues);
            if (reader.Read())
            {
                failure = InboundResult.Unreadable(Root, "holds more than one JSON value; send one FHIR resource");
                return null;
            }
        }
        catch (JsonException e)
        {
            failure = InboundResult.Unreadable(Root, NotJson(e));
            return null;
        }
        if (resource is null)
        {
            failure = InboundResult.Invalid([new ValidationProblem("resourceType", "the body is no FHIR resource")]);
            return null;
        }
        var problems = ParseProblems.From(resource, issues);
        if (problems.Count == 0)
            problems = Modifiers.NotUnderstood(resource);
        if (problems.Count > 0)
        {
            failure = InboundResult.Invalid(problems);
            return null;
        }
        return resource;
    }

    static bool StartsWithObject(ReadOnlySpan<byte> bytes, out InboundResult? failure)
    {
        failure = null;
        try
        {
            var reader = new Utf8JsonReader(bytes, FhirJson.ReaderOptions);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                return true;
        }
        catch (JsonException e)
        {
            failure = InboundResult.Unreadable(Root, NotJson(e));
            return false;
        }
        failure = InboundResult.Invalid([new ValidationProblem("resourceType", "the body must be a FHIR resource (a JSON object)")]);
        return false;
    }

    /// <summary>Where the JSON breaks, never what it says there: the text may be a name or a BSN.</summary>
    static string NotJson(JsonException e) => e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
        ? $"nests deeper than {FhirJson.MaxDepth} levels"
        : $"is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})";

    static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    static InboundResult? Check(ReadOnlyMemory<byte> body, string? contentType, int maxBytes)
    {
        // Refuse before looking inside: a 50 MB body must not cost a 50 MB parse.
        if (body.Length > maxBytes)
            return InboundResult.Unreadable(Root, $"the body is {body.Length} bytes; at most {maxBytes} are accepted (attachments travel by reference)");
        if (body.IsEmpty)
            return InboundResult.Unreadable(Root, "the body is empty");
        if (MediaTypeProblem(contentType) is { } mediaProblem)
            return InboundResult.Unreadable(Root, mediaProblem);
        var span = body.Span;
        if (Utf16Or32(span) is { } encoding)
            return InboundResult.Unreadable(Root, $"must be UTF-8 encoded; it looks like {encoding}");
        if (FirstInvalidUtf8(span) is { } offset)
            return InboundResult.Unreadable(Root, $"must be UTF-8 encoded; byte {offset} (0x{span[offset]:X2}) is not valid UTF-8 (Latin-1 or Windows-1252?)");
        return null;
    }

    static string? MediaTypeProblem(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return null;
        var parts = contentType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var media = parts.Length > 0 ? parts[0].ToLowerInvariant() : "";
        if (media is not ("application/fhir+json" or "application/json" or "application/json+fhir" or "text/json"))
            return $"content type '{contentType}' is not accepted; send FHIR JSON (application/fhir+json)";
        var charset = parts.Skip(1).Select(p => p.Split('=', 2)).FirstOrDefault(kv => kv.Length == 2 && kv[0].Equals("charset", StringComparison.OrdinalIgnoreCase));
        if (charset is not null && !charset[1].Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return $"charset '{charset[1]}' is not accepted; FHIR JSON is UTF-8";
        return null;
    }

    static string? Utf16Or32(ReadOnlySpan<byte> span)
    {
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || span.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
            return "UTF-32";
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return "UTF-16 (byte order mark)";
        // JSON starts with ASCII, so UTF-16 without a byte order mark shows a zero byte right beside it.
        if (span.Length >= 2 && (span[0] == 0 || span[1] == 0))
            return "UTF-16 (zero bytes between characters)";
        return null;
    }

    static int? FirstInvalidUtf8(ReadOnlySpan<byte> span)
    {
        if (System.Text.Unicode.Utf8.IsValid(span))
            return null;
        var offset = 0;
        while (offset < span.Length)
        {
            if (Rune.DecodeFromUtf8(span[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
                return offset;
            offset += consumed;
        }
        return null;
    }
}
