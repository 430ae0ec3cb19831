using System.Globalization;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>
/// Verzuimmelding: the school reports absence to the compulsory-education office (leerplicht, at the
/// municipality). Schools must report (Leerplichtwet 1969, art. 21), so the legal basis defaults to
/// a legal obligation and no consent is asked. The school concern is written from the absence columns.
/// </summary>
static class TruancyReport
{
    public const string DefaultReference = "Leerplichtwet 1969, art. 21";

    public static RowContent? Read(SchoolRow row)
    {
        var legalBasis = LegalBasisReader.Read(row, "legal-obligation", DefaultReference);
        var hours = Hours(row);
        var from = row.Required(SchoolColumns.AbsenceFrom) is null ? null : row.Date(SchoolColumns.AbsenceFrom);
        var until = row.Date(SchoolColumns.AbsenceUntil);
        if (from is not null && until is not null && until < from)
            row.Problem(SchoolColumns.AbsenceUntil, $"lies before '{SchoolColumns.AbsenceFrom}'");
        var action = row.Has(SchoolColumns.RequestedAction)
            ? row.Term(SchoolColumns.RequestedAction, DutchTerms.RequestedAction)
            : "assessment";
        if (legalBasis is null || hours is null || from is null || action is null || row.Problems.Count > 0)
            return null;

        var concerns = new List<(Concern, string)>
        {
            // Problems with this text are most likely in the school's own remarks, else in the hours.
            (new Concern { Domain = "school", Description = Describe(row, hours.Value, from.Value, until) },
             row.Has(SchoolColumns.Concerns[0].Column) ? SchoolColumns.Concerns[0].Column : SchoolColumns.AbsenceHours),
        };
        concerns.AddRange(ConcernColumns.Read(row).Where(c => c.Concern.Domain != "school"));
        return new RowContent(legalBasis, concerns, action);
    }

    static int? Hours(SchoolRow row)
    {
        var value = row.Required(SchoolColumns.AbsenceHours);
        if (value is null)
            return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours > 0)
            return hours;
        row.Problem(SchoolColumns.AbsenceHours, "must be a whole number of hours above 0");
        return null;
    }

    /// <summary>Dutch, because the reader is the leerplichtambtenaar; the school's own words follow.</summary>
    static string Describe(SchoolRow row, int hours, DateOnly from, DateOnly? until)
    {
        var kind = row.Get(SchoolColumns.AbsenceKind) ?? "ongeoorloofd";
        var period = until is null ? $"sinds {from:dd-MM-yyyy}" : $"van {from:dd-MM-yyyy} tot en met {until:dd-MM-yyyy}";
        var text = $"Verzuim ({kind}): {hours} uur {period}.";
        return row.Get(SchoolColumns.Concerns[0].Column) is { } remarks ? $"{text} {remarks}" : text;
    }
}
