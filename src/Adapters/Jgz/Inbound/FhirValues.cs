using System.Globalization;
using System.Text.RegularExpressions;
using IntegrationHub.Adapters.Jgz.Fhir;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>Reading FHIR primitives strictly: dates, date-times, codes from a given system.</summary>
static partial class FhirValues
{
    /// <summary>A full FHIR date (yyyy-MM-dd); partial dates such as "2016-04" say why they do not fit.</summary>
    public static DateOnly? Date(string value, out string? why)
    {
        why = null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        why = PartialDate().IsMatch(value)
            ? $"'{value}' is a partial date; a full date (yyyy-MM-dd) is needed"
            : $"'{value}' is not a FHIR date (yyyy-MM-dd)";
        return null;
    }

    /// <summary>A FHIR dateTime with a time and zone (as instant and most dateTimes are sent).</summary>
    public static DateTimeOffset? DateTime(string value, out string? why)
    {
        why = null;
        if (FhirDateTime().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            return at;
        why = $"'{value}' is not a FHIR dateTime with time zone (2026-11-23T09:15:00+01:00)";
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
    public static (Coding Coding, string Path)? Find(List<CodeableConcept>? concepts, string system, string listPath)
    {
        for (var i = 0; i < (concepts?.Count ?? 0); i++)
            if (Find(concepts![i], system, $"{listPath}[{i}]") is { } found)
                return found;
        return null;
    }

    /// <summary>The first identifier of <paramref name="system"/>, with its index.</summary>
    public static (Identifier Identifier, int Index)? Identifier(List<Identifier>? identifiers, string system)
    {
        for (var i = 0; i < (identifiers?.Count ?? 0); i++)
            if (identifiers![i]?.System == system)
                return (identifiers[i], i);
        return null;
    }

    public static string? Text(CodeableConcept? concept) =>
        NonEmpty(concept?.Text) ?? concept?.Coding?.Select(c => NonEmpty(c?.Display)).FirstOrDefault(d => d is not null);

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^\d{4}(-\d{2})?$")]
    private static partial Regex PartialDate();

    // FHIR's own dateTime pattern, restricted to values with a time (and therefore a zone).
    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$")]
    private static partial Regex FhirDateTime();
}
