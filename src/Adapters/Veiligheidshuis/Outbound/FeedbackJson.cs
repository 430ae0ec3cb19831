using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Veiligheidshuis.Outbound.VhhJson;

namespace IntegrationHub.Adapters.Veiligheidshuis.Outbound;

/// <summary>
/// Feedback on a handover the Veiligheidshuis sent (terugkoppeling). The Tilburg HCO keeps a case on
/// its list until this says care started (BRIEF §9), so the kind uses the same codes the system sends. To the
/// Veiligheidshuis as the sender after a rejection or withdrawal: by when it must re-route the child, and where to.
/// </summary>
static class FeedbackJson
{
    public static JsonObject Render(AgencyMail mail)
    {
        var feedback = mail.FeedbackDocument();
        return Object(
            ("type", "terugkoppeling"),
            ("berichtId", mail.MailId.ToString()),
            ("overdrachtId", mail.HandoverId.ToString()),
            ("tijdstip", Time(feedback.At ?? mail.At)),
            ("afzenderOverdracht", mail.Sender),
            ("ontvangerOverdracht", mail.Receiver),
            ("door", feedback.By.AgencyId),
            ("contactpersoon", HandoverJson.Professional(feedback.By.Professional)),
            ("soort", VhhTerms.FeedbackKind.ToDutch(feedback.Kind)),
            ("reden", feedback.Reason),
            ("voorgesteldeInstantie", feedback.SuggestedAgencyId ?? mail.Reroute?.SuggestedAgencyId),
            ("geplandeEinddatum", Date(feedback.PlannedEndDate)),
            ("verwachteStart", Date(feedback.ExpectedStart)),
            ("redenCode", feedback.ReasonCode is { } code ? VhhTerms.ReasonCode.ToDutch(code) : null),
            ("resultaat", feedback.Outcome),
            ("toelichting", feedback.Note),
            ("doorverwijzenUiterlijkOp", Time(mail.Reroute?.DueAt)))!;
    }
}
