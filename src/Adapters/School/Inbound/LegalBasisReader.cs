using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Adapters.School.Inbound;

/// <summary>Grondslag, Toestemming door, Datum toestemming and Wettelijke grondslag to the canonical legal basis.</summary>
static class LegalBasisReader
{
    public static LegalBasis? Read(SchoolRow row, string? defaultKind = null, string? defaultReference = null)
    {
        string? kind;
        if (row.Has(SchoolColumns.LegalBasis))
            kind = row.Term(SchoolColumns.LegalBasis, DutchTerms.LegalBasis);
        else if (defaultKind is not null)
            kind = defaultKind;
        else
            kind = row.Required(SchoolColumns.LegalBasis, $"({DutchTerms.LegalBasis.Accepted})");
        if (kind is null)
            return null;
        // Consent rules (who, from which age) are the validator's; here only the words are read.
        return new LegalBasis
        {
            Kind = kind,
            ConsentGivenBy = ConsentBy(row),
            ConsentDate = row.Date(SchoolColumns.ConsentDate),
            Reference = row.Get(SchoolColumns.LegalReference) ?? (row.Has(SchoolColumns.LegalBasis) ? null : defaultReference),
        };
    }

    /// <summary>"ouders", "jeugdige", "ouders en jeugdige", "ouders + leerling": one or both parties.</summary>
    static IReadOnlyList<string>? ConsentBy(SchoolRow row)
    {
        var value = row.Get(SchoolColumns.ConsentBy);
        if (value is null)
            return null;
        var parties = new List<string>();
        foreach (var word in value.Replace(" en ", ",").Split([',', '+', '/', '&'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var party = DutchTerms.ConsentParty.ToCanonical(word);
            if (party is null)
            {
                row.Problem(SchoolColumns.ConsentBy, "must name ouders, jeugdige or both (ouders en jeugdige)");
                return null;
            }
            if (!parties.Contains(party))
                parties.Add(party);
        }
        return parties;
    }
}
