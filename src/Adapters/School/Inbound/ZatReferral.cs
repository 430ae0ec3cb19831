using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>
/// ZAT-verwijzing: the school's care and advice team refers a pupil for assessment or care. The
/// team must state its legal basis (usually the parents' consent) and at least one concern.
/// </summary>
static class ZatReferral
{
    public static RowContent? Read(SchoolRow row)
    {
        var legalBasis = LegalBasisReader.Read(row);
        var concerns = ConcernColumns.Read(row);
        if (concerns.Count == 0)
            row.Problem(SchoolColumns.Concerns[0].Column, "at least one 'Zorgen …' column must be filled for a ZAT-verwijzing");

        var action = row.Required(SchoolColumns.RequestedAction, "(onderzoek or zorg)") is null
            ? null
            : row.Term(SchoolColumns.RequestedAction, DutchTerms.RequestedAction);
        // A ZAT refers for assessment or care; case meetings and aftercare are arranged otherwise.
        if (action is not null and not ("assessment" or "care"))
        {
            row.Problem(SchoolColumns.RequestedAction, "is not possible for a ZAT-verwijzing: use onderzoek or zorg");
            action = null;
        }
        return legalBasis is null || action is null || concerns.Count == 0 ? null : new RowContent(legalBasis, concerns, action);
    }
}

/// <summary>The "Zorgen …" columns, one canonical concern per filled column.</summary>
static class ConcernColumns
{
    public static List<(Concern Concern, string Column)> Read(SchoolRow row) =>
        SchoolColumns.Concerns
            .Where(c => row.Has(c.Column))
            .Select(c => (new Concern { Domain = c.Domain, Description = row.Get(c.Column)! }, c.Column))
            .ToList();
}
