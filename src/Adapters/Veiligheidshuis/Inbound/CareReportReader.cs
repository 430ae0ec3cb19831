using System.Text.Json;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Adapters.Veiligheidshuis.Inbound;

/// <summary>
/// A police care report (zorgmelding) triaged in the Veiligheidshuis, handed to a care agency.
/// Purpose binding (BRIEF §7): the report is shared for care only. The hub takes what the receiver
/// needs to help (incident date, kind, unit, what happened, the concerns) and never the criminal-law
/// part: registration numbers, suspects, offences and records are not read, so they cannot leak.
/// A report that says it is shared for anything but care is refused.
/// </summary>
static class CareReportReader
{
    public static HandoverDocument? Read(VhhFields f, JsonElement root, VhhPathMap map)
    {
        var parts = HandoverParts.Read(f, root, map, "assessment", concernOffset: 1);
        map.Add("/purpose", "/doel");
        map.Add("/legalBasis", "/grondslag");
        map.Add("/legalBasis/reference", "/grondslagToelichting");
        map.Add("/involvedProfessionals/0", "/melder");
        map.Add("/summary", "/incident");

        if (f.String(root, "", "doel") is { } doel && doel != "zorg")
            f.Problem("/doel", $"'{doel}': a police care report is shared for care (zorg) only; justice information does not travel through the hub");

        var basis = f.Term(root, "", "grondslag", VhhTerms.LegalBasis, required: true);
        if (basis == "consent")
        {
            f.Problem("/grondslag", "a police care report is shared without the family's consent: use veiligheid-kind or wettelijke-plicht");
            basis = null;
        }

        var incident = f.Object(root, "", "incident", required: true);
        DateOnly? date = null;
        string? unit = null, kind = null, what = null;
        if (incident is { } i)
        {
            date = f.Date(i, "/incident", "datum", required: true);
            unit = f.String(i, "/incident", "eenheid", required: true);
            kind = f.String(i, "/incident", "soort", required: true);
            what = f.String(i, "/incident", "omschrijving", required: true);
        }
        var reporter = PersonReader.Professional(f, root, "", "melder");
        if (f.Problems.Count > 0 || basis is null || date is null || unit is null || kind is null || what is null)
            return null;

        // The incident is the first concern: what the child went through is what care must know.
        map.Add("/concerns/0", "/incident/omschrijving");
        var concerns = parts.Concerns.Prepend(new Concern { Domain = "safety", Description = $"Politie-incident op {date:dd-MM-yyyy} ({kind}): {what}" }).ToList();

        var legalBasis = new LegalBasis { Kind = basis, Reference = f.String(root, "", "grondslagToelichting") };
        // The reporting officer sits in the Veiligheidshuis chain; the police are no hub agency of their own.
        IReadOnlyList<Party>? involved = reporter is null ? null : [new Party { AgencyId = parts.Sender!, Professional = reporter }];
        var summary = $"Zorgmelding van {unit} na een incident op {date:dd-MM-yyyy} ({kind}), getrieerd door het Veiligheidshuis.";
        return (parts with { Concerns = concerns }).ToHandover("care", legalBasis, involved, summary);
    }
}
