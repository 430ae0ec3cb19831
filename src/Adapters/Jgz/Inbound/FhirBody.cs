using System.Text;
using System.Text.Json;
using IntegrationHub.Adapters.Jgz.Fhir;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// Turns the raw body into a JSON document, or says why it cannot: too big, not UTF-8, not JSON,
/// nested too deep. Everything here is "malformed" (400); content problems come later.
/// </summary>
static class FhirBody
{
    public const string Root = "/";

    public static JsonDocument? Parse(ReadOnlyMemory<byte> body, string? contentType, int maxBytes, out InboundResult? failure)
    {
        failure = Check(body, contentType, maxBytes);
        if (failure is not null)
            return null;
        var bytes = body.Span.StartsWith(Utf8Bom) ? body[Utf8Bom.Length..] : body;
        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = FhirJson.MaxDepth });
        }
        catch (JsonException e)
        {
            var why = e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"nests deeper than {FhirJson.MaxDepth} levels"
                : $"is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}";
            failure = InboundResult.Unreadable(Root, why);
            return null;
        }
    }

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
        var offset = 0;
        while (offset < span.Length)
        {
            if (Rune.DecodeFromUtf8(span[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
                return offset;
            offset += consumed;
        }
        return null;
    }

    static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
