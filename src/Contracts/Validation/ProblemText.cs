using System.Text.RegularExpressions;

namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// Error texts say where and which rule, never the value (API.md): the value may be a BSN, a name or a
/// birth date, and error texts travel to logs, headers and operators' screens. Framework messages
/// (the JSON reader, the XSD validator) quote what they read; this takes the quotes out.
/// </summary>
public static partial class ProblemText
{
    /// <summary>
    /// <paramref name="message"/> with every quoted fragment replaced by an ellipsis, except hexadecimal
    /// character codes (<c>'0x07'</c>), which say what is wrong without saying what was written, and
    /// what <paramref name="keep"/> allows (the element and type names of a schema).
    /// </summary>
    public static string WithoutQuotes(string message, Func<string, bool>? keep = null) =>
        Quoted().Replace(message, m =>
            HexCode().IsMatch(m.Groups[1].Value) || (keep?.Invoke(m.Groups[1].Value) ?? false) ? m.Value : "'…'");

    /// <summary>The first sentence of a framework message: the rest repeats positions the problem already gives.</summary>
    public static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex("^0x[0-9A-Fa-f]{1,6}$")]
    private static partial Regex HexCode();
}
