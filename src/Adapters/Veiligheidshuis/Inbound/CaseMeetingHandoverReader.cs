using System.Text.Json;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Adapters.Veiligheidshuis.Inbound;

/// <summary>
/// A case meeting (casusoverleg) decided who takes the case on: a handover to the CJG, a school's
/// ZAT or Bureau Jeugdzorg. The meeting's agreements become the summary.
/// </summary>
static class CaseMeetingHandoverReader
{
    /// <summary>The kinds of agency a case meeting hands over to through the hub.</summary>
    static readonly string[] ReceiverKinds = ["cjg", "school", "bureau-jeugdzorg"];

    public static HandoverDocument? Read(VhhFields f, JsonElement root, VhhPathMap map, AdapterContext context)
    {
        var parts = HandoverParts.Read(f, root, map, "care");
        map.Add("/purpose", "/doel");
        map.Add("/legalBasis", "/grondslag");
        map.Add("/legalBasis/consentGivenBy", "/toestemmingDoor");
        map.Add("/legalBasis/consentDate", "/datumToestemming");
        map.Add("/legalBasis/reference", "/grondslagToelichting");
        map.Add("/summary", "/afspraken");

        // Justice outcomes (Halt, prosecution) are the justice partners' own business, not a care handover.
        var purpose = f.Term(root, "", "doel", VhhTerms.Purpose) ?? "care";
        if (purpose == "justice")
        {
            f.Problem("/doel", "'justitie': case-meeting handovers through the hub are for care (zorg) or protection (bescherming)");
            purpose = null;
        }
        var legalBasis = LegalBasis(f, root);
        var meeting = f.Object(root, "", "overleg", required: true);
        DateOnly? date = null;
        string? kind = null;
        if (meeting is { } m)
        {
            date = f.Date(m, "/overleg", "datum", required: true);
            kind = f.String(m, "/overleg", "soort", required: true);
        }
        var agreements = f.String(root, "", "afspraken", required: true);
        var involved = Involved(f, root, map);
        if (parts.Receiver is { } receiver && context.Agencies is AgencyDirectory directory
            && directory.Find(receiver) is { } agency && !ReceiverKinds.Contains(agency.Kind))
            f.Problem("/ontvanger", $"'{receiver}' is a {agency.Kind}; a case meeting hands over to a CJG, a school (ZAT) or Bureau Jeugdzorg");

        if (f.Problems.Count > 0 || purpose is null || legalBasis is null || date is null || kind is null)
            return null;
        return parts.ToHandover(purpose, legalBasis, involved, $"Casusoverleg {kind} van {date:dd-MM-yyyy}: {agreements}");
    }

    /// <summary>
    /// Every child discussed in a case meeting is signalled (seed 000:971-975): the meeting is named by its kind and
    /// date at this Veiligheidshuis ("HCO-2027-01-22"), which the system's export carries; null when it does not.
    /// </summary>
    public static SignalHint? Signal(JsonElement root)
    {
        if (!root.TryGetProperty("overleg", out var meeting) || meeting.ValueKind != JsonValueKind.Object
            || !meeting.TryGetProperty("soort", out var kind) || kind.ValueKind != JsonValueKind.String
            || !meeting.TryGetProperty("datum", out var date) || date.ValueKind != JsonValueKind.String)
            return null;
        var id = $"{kind.GetString()!.Trim()}-{date.GetString()!.Trim()}";
        return id.Length is > 2 and <= 100 ? new SignalHint("case-meeting", id) : null;
    }

    static LegalBasis? LegalBasis(VhhFields f, JsonElement root)
    {
        var kind = f.Term(root, "", "grondslag", VhhTerms.LegalBasis, required: true);
        var parties = new List<string>();
        foreach (var (item, path) in f.Array(root, "", "toestemmingDoor"))
        {
            if (item.ValueKind == JsonValueKind.String && VhhTerms.ConsentParty.ToCanonical(item.GetString()!) is { } party)
                parties.Add(party);
            else
                f.Problem(path, $"must be one of {VhhTerms.ConsentParty.Accepted}");
        }
        return kind is null ? null : new LegalBasis
        {
            Kind = kind,
            ConsentGivenBy = parties.Count == 0 ? null : parties,
            ConsentDate = f.Date(root, "", "datumToestemming"),
            Reference = f.String(root, "", "grondslagToelichting"),
        };
    }

    /// <summary>Professionals at the table who stay involved (betrokkenen), each with their agency.</summary>
    static IReadOnlyList<Party>? Involved(VhhFields f, JsonElement root, VhhPathMap map)
    {
        var parties = new List<Party>();
        foreach (var (item, path) in f.Array(root, "", "betrokkenen"))
        {
            var agency = f.String(item, path, "instantie", required: true);
            var name = f.String(item, path, "naam", required: true);
            if (agency is null || name is null)
                continue;
            map.Add($"/involvedProfessionals/{parties.Count}", path);
            parties.Add(new Party
            {
                AgencyId = agency,
                Professional = new Professional { Name = name, Role = f.String(item, path, "functie"), Phone = f.String(item, path, "telefoon"), Email = f.String(item, path, "email") },
            });
        }
        return parties.Count == 0 ? null : parties;
    }
}
