using System.Xml.Linq;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Bjz.BjzXml;

namespace IntegrationHub.Adapters.Bjz.Outbound;

/// <summary>A notice of the hub's own (a transition plan needed, a binding decision; the chain's: coordination, the family plan, a double case meeting), about a handover or about a family or match (no OverdrachtId) becomes a &lt;Melding&gt;: its kind, title and facts.</summary>
static class NoticeRenderer
{
    public static XElement Render(AgencyMail mail, HubNotice notice) =>
        E(Notice,
            E("BerichtId", mail.MailId.ToString("D")),
            mail.HandoverId == Guid.Empty ? null : E("OverdrachtId", mail.HandoverId.ToString("D")),
            E("Tijdstip", BjzWriter.Moment(mail.At)),
            E("Soort", BjzCodes.NoticeKind.ToBjzOrSame(notice.Kind)),
            E("Titel", notice.Title),
            notice.Facts.Count > 0
                ? E("Gegevens", notice.Facts.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => E("Gegeven", E("Naam", f.Key), E("Waarde", f.Value))))
                : null);
}
