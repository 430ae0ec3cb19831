using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// What every string of the fixed format must be, whatever its field: text a receiver's format can carry,
/// and something rather than nothing. Checked here, in the canonical validation, so the public API, every
/// adapter and every queue refuse the same things at intake instead of a renderer failing after a 202.
/// </summary>
static class TextRules
{
    /// <summary>Fields that hold a person's name: a child, a sibling, a guardian, a professional.</summary>
    static readonly HashSet<string> NameFields = new(StringComparer.Ordinal) { "givenName", "familyName", "name" };

    public static void Check(JsonElement root, ValidationReport report) => Walk(root, "", "", report);

    static void Walk(JsonElement element, string path, string field, ValidationReport report)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                    Walk(member.Value, JsonPointer.Append(path, member.Name), member.Name, report);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    Walk(item, $"{path}/{i++}", field, report);
                break;
            case JsonValueKind.String when JsonReadability.IsWholeText(element):
                CheckString(element.GetString()!, path.Length == 0 ? "/" : path, NameFields.Contains(field), report);
                break;
        }
    }

    static void CheckString(string text, string path, bool isName, ValidationReport report)
    {
        // A field the schema already refused (an enum, a UUID, a too-short name) needs no second reason.
        if (report.Has(path))
            return;
        if (string.IsNullOrWhiteSpace(text))
        {
            report.Add(path, "is empty or only white space; leave the field out when there is nothing to say");
            return;
        }
        if (Unencodable(text) is { } bad)
        {
            report.Add(path, $"contains U+{(int)text[bad]:X4} at character {bad + 1}, a control character or non-character " +
                             "that the receivers' formats (XML, CSV) cannot carry; remove it");
            return;
        }
        if (isName && HiddenFormatting(text) is { } hidden)
            report.Add(path, $"contains U+{(int)text[hidden]:X4} at character {hidden + 1}, an invisible formatting character (Unicode category Cf: " +
                             "direction overrides, zero-width characters) that makes a name display as something it is not; remove it");
    }

    /// <summary>
    /// The first character XML 1.0 cannot carry (U+0000-U+001F except tab, CR and LF; U+FFFE and U+FFFF), or
    /// null. The BJZ renderer writes XML and the school adapter CSV: what they cannot write must not be accepted.
    /// </summary>
    public static int? Unencodable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c < '\u0020' && c is not ('\t' or '\r' or '\n')) || c is '\uFFFE' or '\uFFFF')
                return i;
        }
        return null;
    }

    /// <summary>
    /// The first format character (category Cf) in a name, or null. Refused rather than stripped: the hub
    /// forwards what the sender wrote, under the sender's content hash, so a silent edit would make the
    /// receiver's name differ from the sender's record; the sender can fix it at the source. One exception:
    /// the zero-width (non-)joiner between two letters, which Persian and Indic names need to be spelt right.
    /// </summary>
    public static int? HiddenFormatting(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(text, i) != UnicodeCategory.Format)
                continue;
            if (text[i] is '\u200C' or '\u200D' && i > 0 && i < text.Length - 1 && char.IsLetter(text, i - 1) && char.IsLetter(text, i + 1))
                continue;
            return i;
        }
        return null;
    }
}
