using System.Buffers;
using System.Text;
using System.Text.Json;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Veiligheidshuis.Inbound;

/// <summary>
/// Bytes to a parsed JSON document, or the reason why not. JSON travels as UTF-8 (RFC 8259); the
/// checks before parsing exist to name the real cause (UTF-16, a Windows-1252 export, a cut-off
/// upload) instead of the parser's generic complaint.
/// </summary>
static class VhhBody
{
    public sealed record Parsed(JsonDocument? Document, string? Error);

    public static Parsed Parse(ReadOnlyMemory<byte> body)
    {
        var bytes = body.Span;
        if (bytes.IsEmpty || bytes.Trim(" \t\r\n"u8).IsEmpty)
            return Fail("is empty");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Fail("is UTF-16 (byte order mark FF FE / FE FF); JSON must be sent as UTF-8");
        if (bytes.IndexOf((byte)0) is var nul and >= 0)
            return Fail($"contains a NUL byte at offset {nul}: UTF-16 without byte order mark or a binary file; JSON must be UTF-8");

        var offset = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            offset = 3;
        var content = body[offset..];
        if (Utf8Check.FirstInvalid(content.Span) is (>= 0 and var at, var incomplete))
            return Fail(incomplete
                ? $"ends in the middle of a UTF-8 character at offset {at + offset}: the message is truncated"
                : $"is not valid UTF-8: byte 0x{content.Span[at]:X2} at offset {at + offset} (a Windows-1252 export?); JSON must be UTF-8");

        try
        {
            return new Parsed(JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 32 }), null);
        }
        catch (JsonException e)
        {
            var where = $"line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}";
            return Fail(IsTruncated(content.Span)
                ? $"ends before the JSON is complete ({where}): the message is truncated"
                : $"is not valid JSON ({where}): {ProblemText.WithoutQuotes(ProblemText.FirstSentence(e.Message))}");
        }
    }

    /// <summary>
    /// A prefix of valid JSON reads without error when the reader is told more data may follow; real
    /// syntax errors still fail. That separates a cut-off upload from a broken document.
    /// </summary>
    static bool IsTruncated(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: new JsonReaderState(new JsonReaderOptions { MaxDepth = 32 }));
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    static Parsed Fail(string error) => new(null, error);
}
