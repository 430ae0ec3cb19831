using System.Text;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Hub.Http;

/// <summary>
/// A JSON request body as text: within the size limit (read through <see cref="BoundedBody"/>, so an
/// oversized body gets its 413), strictly UTF-8, so bytes in another encoding are refused by name
/// instead of turning a child's name into replacement characters, and one unambiguous JSON document
/// (<see cref="JsonReadability"/>: no duplicate members, no half characters, no numbers nobody can hold)
/// before anything reads a field of it.
/// </summary>
public static class RequestBody
{
    public const int MaxJsonBytes = 1024 * 1024;

    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or why there is none: <see cref="BodyText.TooLarge"/> or an encoding problem.</summary>
    public static async Task<BodyText> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await BoundedBody.ReadAsync(request, MaxJsonBytes, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
            return new BodyText(null, null, TooLarge: true, null);
        try
        {
            var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            var text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
            // Checked before the intake, whose first step (the content hash) already reads every member.
            var unreadable = JsonReadability.Ambiguities(bytes.AsMemory(start)).FirstOrDefault();
            return new BodyText(unreadable is null ? text : null, bytes, TooLarge: false, unreadable);
        }
        catch (DecoderFallbackException e)
        {
            return new BodyText(null, bytes, TooLarge: false,
                new ValidationProblem("/", $"is not valid UTF-8 (byte 0x{e.BytesUnknown?.FirstOrDefault():X2} at offset {e.Index}); send the JSON as UTF-8"));
        }
    }
}

/// <summary>
/// A read body: its text when it is readable, its bytes when it fit the limit. <paramref name="EncodingProblem"/>:
/// why it cannot be read, as text (not UTF-8) or as one JSON document (duplicate members, broken strings).
/// </summary>
public sealed record BodyText(string? Text, byte[]? Bytes, bool TooLarge, ValidationProblem? EncodingProblem);
