using System.Text;
using System.Text.RegularExpressions;

namespace IntegrationHub.Adapters.Bjz.Xml;

/// <summary>
/// Which encoding the document says it is in (byte order mark, else the XML declaration, else UTF-8),
/// read from the raw bytes so a decoding error can name what the bytes failed to be.
/// </summary>
static partial class DeclaredEncoding
{
    public static string Of(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return "UTF-8";
        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return "UTF-16";
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 200)]);
        if (!head.StartsWith("<?xml", StringComparison.Ordinal))
            return "UTF-8";
        var end = head.IndexOf("?>", StringComparison.Ordinal);
        var match = EncodingAttribute().Match(end > 0 ? head[..end] : head);
        return match.Success ? match.Groups["name"].Value : "UTF-8";
    }

    [GeneratedRegex("""encoding\s*=\s*["'](?<name>[A-Za-z0-9._\-]+)["']""")]
    private static partial Regex EncodingAttribute();
}
