using System.Text.Json;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Adapters.Veiligheidshuis.Inbound;

/// <summary>
/// What a police care report and a case-meeting handover share: who sends and receives, urgency,
/// the young person, the family, the concerns and the contact person. Records where each came from.
/// </summary>
sealed record HandoverParts(
    string? MessageNumber, string? Sender, string? Receiver, string? Urgency, Person? Subject, Family? Family,
    List<Concern> Concerns, Professional? Contact, string? RequestedAction)
{
    /// <param name="concernOffset">Where the "zorgen" start among the canonical concerns (after any the reader adds first).</param>
    public static HandoverParts Read(VhhFields f, JsonElement root, VhhPathMap map, string defaultAction, int concernOffset = 0)
    {
        map.Add("/messageId", "/berichtId");
        map.Add("/sender/agencyId", "/veiligheidshuis");
        map.Add("/sender/professional", "/contactpersoon");
        map.Add("/receiver", "/ontvanger");
        map.Add("/receiver/agencyId", "/ontvanger");
        map.Add("/urgency", "/urgentie");
        map.Add("/subject", "/jeugdige");
        map.Add("/requestedAction", "/gevraagdeActie");
        map.Add("/concerns", "/zorgen");

        var concerns = new List<Concern>();
        foreach (var (item, path) in f.Array(root, "", "zorgen"))
        {
            var domain = f.Term(item, path, "domein", VhhTerms.Domain, required: true);
            var description = f.String(item, path, "omschrijving", required: true);
            if (domain is null || description is null)
                continue;
            map.Add($"/concerns/{concerns.Count + concernOffset}", path);
            concerns.Add(new Concern { Domain = domain, Description = description });
        }

        return new HandoverParts(
            f.String(root, "", "berichtId", required: true),
            f.String(root, "", "veiligheidshuis", required: true),
            f.String(root, "", "ontvanger", required: true),
            f.Term(root, "", "urgentie", VhhTerms.Urgency) ?? "regular",
            PersonReader.Person(f, root, "", "jeugdige"),
            PersonReader.Family(f, root, map),
            concerns,
            PersonReader.Professional(f, root, "", "contactpersoon", required: true),
            f.Term(root, "", "gevraagdeActie", VhhTerms.RequestedAction) ?? defaultAction);
    }

    public HandoverDocument ToHandover(string purpose, LegalBasis legalBasis, IReadOnlyList<Party>? involved, string? summary) => new()
    {
        MessageId = DeterministicId.From("veiligheidshuis", MessageNumber!),
        Sender = new Party { AgencyId = Sender!, Professional = Contact },
        Receiver = new Receiver { AgencyId = Receiver! },
        Urgency = Urgency!,
        Purpose = purpose,
        LegalBasis = legalBasis,
        Subject = Subject!,
        Family = Family,
        Concerns = Concerns,
        RequestedAction = RequestedAction!,
        InvolvedProfessionals = involved,
        Summary = summary,
    };
}
