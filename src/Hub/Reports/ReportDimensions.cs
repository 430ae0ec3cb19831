using System.Globalization;
using IntegrationHub.Hub.Calendar;

namespace IntegrationHub.Hub.Reports;

/// <summary>
/// The dimensions a handover is counted under in the municipality's figures (CHAIN.md §5): the period of its
/// submission (a month, Amsterdam time), the municipality, the agency pair, the child's age band. Fixed when
/// the handover is accepted, so a handover never moves between cells.
/// </summary>
public static class ReportDimensions
{
    public const string UnknownMunicipality = "onbekend";

    /// <summary>The child's residence (woonplaats) when given, else the sending agency's municipality; spelled one way.</summary>
    public static string Municipality(string? childCity, string? senderMunicipality)
    {
        var name = (string.IsNullOrWhiteSpace(childCity) ? senderMunicipality : childCity)?.Trim();
        if (string.IsNullOrEmpty(name))
            return UnknownMunicipality;
        name = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // "TILBURG" and "tilburg" are Tilburg; a name written in mixed case ("'s-Hertogenbosch") is kept as written.
        return name == name.ToUpperInvariant() || name == name.ToLowerInvariant() ? Capitalised(name.ToLowerInvariant()) : name;
    }

    static string Capitalised(string lower)
    {
        var chars = lower.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var startsPart = i == 0 || chars[i - 1] is ' ' or '-';
            // Dutch articles that begin place names stay lower case: 's-Gravenhage, 't Zandt.
            var article = chars[i] == '\'' || (i > 0 && chars[i - 1] == '\'');
            if (startsPart && !article && char.IsLetter(chars[i]))
                chars[i] = char.ToUpperInvariant(chars[i]);
        }
        return new string(chars);
    }

    /// <summary>0-3 (infant health care), 4-11, 12-17, 18+: the chain's own bands (seed 001:3326-3346, 003:1057-1085).</summary>
    public static string AgeBand(DateOnly birthDate, DateTimeOffset at)
    {
        var today = DateOnly.FromDateTime(AmsterdamTime.ToLocal(at).DateTime);
        var age = today.Year - birthDate.Year - (today < birthDate.AddYears(today.Year - birthDate.Year) ? 1 : 0);
        return age switch { < 4 => "0-3", < 12 => "4-11", < 18 => "12-17", _ => "18+" };
    }

    /// <summary>The month of <paramref name="at"/> in Amsterdam, as yyyy-MM.</summary>
    public static string Period(DateTimeOffset at) => AmsterdamTime.ToLocal(at).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
