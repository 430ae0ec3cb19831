using System.Globalization;
using Hl7.Fhir.Model;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>
/// What the hub needs of FHIR values the SDK has already checked: a full date where FHIR allows a
/// partial one, a time and zone where FHIR allows a bare date, codes of a given system. Reasons never
/// quote the value.
/// </summary>
static class FhirValues
{
    /// <summary>A full date; FHIR also allows "2016" and "2016-04", which say too little for the hub.</summary>
    public static DateOnly? Date(string value, out string? why)
    {
        why = null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        why = "is a partial date; a full date (yyyy-MM-dd) is needed";
        return null;
    }

    /// <summary>A dateTime with a time (and therefore, in FHIR, a zone).</summary>
    public static DateTimeOffset? DateTime(string value, out string? why)
    {
        why = null;
        if (value.Length > 10 && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return at;
        why = "has no time of day; a date and time with zone is needed (2026-11-23T09:15:00+01:00)";
        return null;
    }

    /// <summary>The calendar day of a FHIR date or dateTime, in the sender's own zone.</summary>
    public static DateOnly? Day(string value, out string? why)
    {
        if (value.Length > 10 && DateTime(value, out why) is { } at)
            return DateOnly.FromDateTime(at.DateTime);
        return Date(value, out why);
    }

    public static string Format(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first coding of <paramref name="system"/> in a concept, with its path.</summary>
    public static (Coding Coding, string Path)? Find(CodeableConcept? concept, string system, string conceptPath)
    {
        var codings = concept?.Coding;
        for (var i = 0; i < (codings?.Count ?? 0); i++)
            if (codings![i]?.System == system)
                return (codings[i], $"{conceptPath}.coding[{i}]");
        return null;
    }

    /// <summary>The first coding of <paramref name="system"/> in a list of concepts, with its path.</summary>
    public static (Coding Coding, string Path)? Find(IReadOnlyList<CodeableConcept>? concepts, string system, string listPath)
    {
        for (var i = 0; i < (concepts?.Count ?? 0); i++)
            if (Find(concepts![i], system, $"{listPath}[{i}]") is { } found)
                return found;
        return null;
    }

    /// <summary>Whether a concept carries <paramref name="code"/> of <paramref name="system"/>.</summary>
    public static bool Has(CodeableConcept? concept, string system, string code) =>
        concept?.Coding.Any(c => c?.System == system && c.Code == code) == true;

    /// <summary>The first identifier of <paramref name="system"/>, with its index.</summary>
    public static (Identifier Identifier, int Index)? Identifier(IReadOnlyList<Identifier>? identifiers, string system)
    {
        for (var i = 0; i < (identifiers?.Count ?? 0); i++)
            if (identifiers![i]?.System == system)
                return (identifiers[i], i);
        return null;
    }

    public static string? Text(CodeableConcept? concept) =>
        NonEmpty(concept?.Text) ?? concept?.Coding.Select(c => NonEmpty(c?.Display)).FirstOrDefault(d => d is not null);

    /// <summary>FHIR allows a string of blanks; to the hub it says nothing.</summary>
    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
