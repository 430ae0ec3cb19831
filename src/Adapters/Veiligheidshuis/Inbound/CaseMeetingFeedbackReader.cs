using System.Text.Json;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Adapters.Veiligheidshuis.Inbound;

/// <summary>
/// A case meeting's answer on a handover the hub already carries (by the hub's handover id): receipt,
/// rejection, care started, progress, care ended, waiting list, aftercare plan, or the Veiligheidshuis withdrawing,
/// keeping or closing its own handover.
/// </summary>
static class CaseMeetingFeedbackReader
{
    public static (Guid HandoverId, FeedbackDocument Feedback)? Read(VhhFields f, JsonElement root, VhhPathMap map)
    {
        map.Add("/messageId", "/berichtId");
        map.Add("/handoverId", "/overdrachtId");
        map.Add("/kind", "/soort");
        map.Add("/at", "/tijdstip");
        map.Add("/by/agencyId", "/veiligheidshuis");
        map.Add("/by/professional", "/contactpersoon");
        map.Add("/by", "/veiligheidshuis");
        map.Add("/reason", "/reden");
        map.Add("/suggestedAgencyId", "/voorgesteldeInstantie");
        map.Add("/plannedEndDate", "/geplandeEinddatum");
        map.Add("/outcome", "/resultaat");
        map.Add("/note", "/toelichting");
        map.Add("/expectedStart", "/verwachteStart");
        map.Add("/reasonCode", "/redenCode");

        var number = f.String(root, "", "berichtId", required: true);
        var handoverId = f.Uuid(root, "", "overdrachtId", required: true);
        var kind = f.Term(root, "", "soort", VhhTerms.FeedbackKind, required: true);
        var by = f.String(root, "", "veiligheidshuis", required: true);
        var feedback = new FeedbackDocument
        {
            MessageId = number is null ? Guid.Empty : DeterministicId.From("veiligheidshuis", number),
            HandoverId = handoverId,
            Kind = kind ?? "",
            At = f.DateTime(root, "", "tijdstip"),
            By = new Party { AgencyId = by ?? "", Professional = PersonReader.Professional(f, root, "", "contactpersoon") },
            Reason = f.String(root, "", "reden"),
            SuggestedAgencyId = f.String(root, "", "voorgesteldeInstantie"),
            PlannedEndDate = f.Date(root, "", "geplandeEinddatum"),
            Outcome = f.String(root, "", "resultaat"),
            Note = f.String(root, "", "toelichting"),
            ExpectedStart = f.Date(root, "", "verwachteStart"),
            ReasonCode = f.Term(root, "", "redenCode", VhhTerms.ReasonCode),
        };
        return f.Problems.Count > 0 || handoverId is null ? null : (handoverId.Value, feedback);
    }
}
