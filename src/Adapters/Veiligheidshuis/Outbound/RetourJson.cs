using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Veiligheidshuis.Outbound.VhhJson;

namespace IntegrationHub.Adapters.Veiligheidshuis.Outbound;

/// <summary>
/// The hub's answer to a message the Veiligheidshuis sent (retour): its own berichtId and the hub's number for it, the
/// handover, accepted or refused, and the codes with the field each is about. No value from the message itself.
/// </summary>
static class RetourJson
{
    public static JsonObject Render(AgencyMail mail)
    {
        var r = mail.Retour ?? throw new ArgumentException($"retour mail {mail.MailId} carries no retour", nameof(mail));
        return Object(
            ("type", "retour"),
            ("berichtId", mail.MailId.ToString()),
            ("tijdstip", Time(mail.At)),
            ("retourOp", r.SourceMessageId),
            ("berichtnummerHub", r.MessageId.ToString()),
            ("overdrachtId", r.HandoverId?.ToString()),
            ("status", VhhTerms.RetourStatus.ToDutch(r.Status)),
            ("codelijst", r.CodeList),
            ("codes", Array(r.Codes, c => Object(("code", c.Code), ("omschrijving", c.Text), ("pad", c.Path)))))!;
    }
}
