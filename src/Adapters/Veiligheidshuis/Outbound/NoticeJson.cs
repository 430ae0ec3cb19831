using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Veiligheidshuis.Outbound.VhhJson;

namespace IntegrationHub.Adapters.Veiligheidshuis.Outbound;

/// <summary>A notice of the hub's own (a transition plan needed, a binding decision): its kind, title and facts (never personal data).</summary>
static class NoticeJson
{
    public static JsonObject Render(AgencyMail mail)
    {
        var n = mail.Notice ?? throw new ArgumentException($"notice mail {mail.MailId} carries no notice", nameof(mail));
        // A notice about a family or a match (the chain's) is about no one handover.
        var about = mail.HandoverId != Guid.Empty;
        var facts = new JsonObject();
        foreach (var (name, value) in n.Facts.OrderBy(f => f.Key, StringComparer.Ordinal))
            facts[name] = value;
        return Object(
            ("type", "melding"),
            ("berichtId", mail.MailId.ToString()),
            ("overdrachtId", about ? mail.HandoverId.ToString() : null),
            ("tijdstip", Time(mail.At)),
            ("afzenderOverdracht", about ? mail.Sender : null),
            ("ontvangerOverdracht", about ? mail.Receiver : null),
            ("soort", VhhTerms.NoticeKind.ToDutch(n.Kind)),
            ("titel", n.Title),
            ("gegevens", facts))!;
    }
}
