using System.Buffers;
using System.Text;

namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>
/// Turns the export's bytes into text. School administrations export UTF-8 (with or without BOM)
/// or Windows-1252 depending on version and settings, without saying which: valid UTF-8 is taken as
/// UTF-8 (1252 text with accents is almost never valid UTF-8), anything else as Windows-1252.
/// </summary>
static class SchoolText
{
    static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    static readonly Lazy<Encoding> Windows1252 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    /// <summary>Bytes that Windows-1252 leaves undefined; seeing one means the file is neither encoding.</summary>
    static readonly SearchValues<byte> Undefined1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    public sealed record Decoded(string? Text, string? Encoding, string? Error);

    public static Decoded Decode(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
            return Fail("is empty");
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return Fail("is UTF-16 (byte order mark FF FE / FE FF); export as UTF-8 or Windows-1252");
        var nul = body.IndexOf((byte)0);
        if (nul >= 0)
            return Fail($"contains a NUL byte at offset {nul}: not a text export (UTF-16 without byte order mark, or a binary file)");

        var hasBom = body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var content = hasBom ? body[3..] : body;
        var (offset, incomplete) = Utf8Check.FirstInvalid(content);
        if (offset < 0)
            return Checked(StrictUtf8.GetString(content), "UTF-8");
        if (hasBom || incomplete)
            return Fail(incomplete
                ? $"ends in the middle of a UTF-8 character at offset {offset + (hasBom ? 3 : 0)}: the file is truncated"
                : $"starts with a UTF-8 byte order mark but byte 0x{content[offset]:X2} at offset {offset + 3} is not valid UTF-8");

        var undefined = content.IndexOfAny(Undefined1252);
        if (undefined >= 0)
            return Fail($"is neither UTF-8 nor Windows-1252: byte 0x{content[undefined]:X2} at offset {undefined} has no meaning in either");
        return Checked(Windows1252.Value.GetString(content), "Windows-1252");
    }

    /// <summary>Control characters other than tab and line breaks mean a binary file or a wrong export.</summary>
    static Decoded Checked(string text, string encoding)
    {
        var line = 1;
        foreach (var c in text)
        {
            if (c == '\n')
                line++;
            else if (char.IsControl(c) && c is not ('\t' or '\r'))
                return Fail($"contains control character U+{(int)c:X4} on line {line}: not a text export");
        }
        return new Decoded(text, encoding, null);
    }

    static Decoded Fail(string error) => new(null, null, error);

}
