using System.Text;
using System.Text.Json;

namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// Whether a body is one unambiguous JSON document before anything reads a field of it: well-formed, at
/// most <see cref="MaxDepth"/> levels deep, no object naming a member twice (readers disagree on which
/// one counts, so the validator could pass one value and the receiver get the other), every string a
/// whole Unicode text (no <c>\uD800</c> without its pair), and every number one a reader can hold.
/// </summary>
public static class JsonReadability
{
    /// <summary>The fixed format nests five levels; anything near this is an attack, not a message.</summary>
    public const int MaxDepth = 32;

    /// <summary>After this many the rest are noise.</summary>
    const int MaxProblems = 20;

    public static JsonDocumentOptions DocumentOptions => new() { MaxDepth = MaxDepth };

    /// <summary>Every reason <paramref name="json"/> cannot be read; empty when it can.</summary>
    public static IReadOnlyList<ValidationProblem> Check(string json) => Check(Encoding.UTF8.GetBytes(json));

    /// <inheritdoc cref="Check(string)"/>
    public static IReadOnlyList<ValidationProblem> Check(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, DocumentOptions);
            var report = new ValidationReport();
            Walk(document.RootElement, report);
            return report.Problems;
        }
        catch (JsonException e)
        {
            return [NotJson(e)];
        }
    }

    /// <summary>
    /// What makes a well-formed body unsafe to read field by field (duplicate members, broken strings,
    /// numbers out of range); empty when it is safe, and also when it is not JSON at all: that the
    /// validator reports, like every other problem of the content.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> Ambiguities(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            // As deep as the framework's other readers go (JsonNode: 64), so nothing they read escapes the check.
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 64 });
            var report = new ValidationReport();
            Walk(document.RootElement, report);
            return report.Problems;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The problem for a parser's refusal: where, and the parser's reason without the text it quoted.</summary>
    public static ValidationProblem NotJson(JsonException e) =>
        new("/", $"is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {ProblemText.WithoutQuotes(ProblemText.FirstSentence(e.Message))}");

    /// <summary>Adds a problem for every duplicate member, broken string and unreadable number under <paramref name="root"/>.</summary>
    public static void Walk(JsonElement root, ValidationReport report) => Walk(root, "", report);

    static void Walk(JsonElement element, string path, ValidationReport report)
    {
        if (report.Problems.Count >= MaxProblems)
            return;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    if (!TryName(member, out var name))
                    {
                        report.Add(path + "/", "a member name contains an unpaired surrogate escape (\\uD800-\\uDFFF without its pair)");
                        continue;
                    }
                    var at = JsonPointer.Append(path, name);
                    if (!seen.Add(name))
                        report.Add(at, "occurs twice in the same object; a field may be given once");
                    else
                        Walk(member.Value, at, report);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    Walk(item, $"{path}/{i++}", report);
                break;
            case JsonValueKind.String when !IsWholeText(element):
                report.Add(Root(path), "contains an unpaired surrogate escape (\\uD800-\\uDFFF without its pair); text must be valid Unicode");
                break;
            case JsonValueKind.Number when !IsReadableNumber(element):
                report.Add(Root(path), "is a number outside the range this hub can process");
                break;
        }
    }

    static string Root(string path) => path.Length == 0 ? "/" : path;

    static bool TryName(JsonProperty member, out string name)
    {
        try
        {
            name = member.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    /// <summary>True when the string decodes to text: the reader refuses escapes that leave half a character.</summary>
    public static bool IsWholeText(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>An integer fits 64 bits, a fraction a finite double: beyond that readers round, overflow or throw.</summary>
    static bool IsReadableNumber(JsonElement element)
    {
        var raw = element.GetRawText();
        var isInteger = raw.IndexOfAny(['.', 'e', 'E']) < 0;
        return isInteger ? element.TryGetInt64(out _) : element.TryGetDouble(out var d) && double.IsFinite(d);
    }
}

/// <summary>JSON pointers (RFC 6901), as the contract names fields: <c>/subject/bsn</c>.</summary>
public static class JsonPointer
{
    public static string Append(string path, string name) => $"{path}/{name.Replace("~", "~0").Replace("/", "~1")}";

    /// <summary>
    /// A System.Text.Json path (<c>$.attachments[0].uri</c>, <c>$['odd.name']</c>) as a JSON pointer; "/" when there is none.
    /// </summary>
    public static string FromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
            return "/";
        var pointer = new StringBuilder();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                pointer.Append(Append("", path[(i + 1)..end]));
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? path.Length : end;
                pointer.Append(Append("", path[(i + 2)..end]));
                i = Math.Min(path.Length, end + 2);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                end = end < 0 ? path.Length : end;
                pointer.Append('/').Append(path[(i + 1)..end]);
                i = Math.Min(path.Length, end + 1);
            }
            else
                i++;
        }
        return pointer.Length == 0 ? "/" : pointer.ToString();
    }
}
