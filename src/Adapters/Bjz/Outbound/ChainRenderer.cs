using System.Xml.Linq;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Bjz.BjzXml;

namespace IntegrationHub.Adapters.Bjz.Outbound;

/// <summary>The chain around the child for BJZ: a &lt;Match&gt; (whom to contact) and a &lt;Melding&gt; (a notice of the hub's own).</summary>
static class ChainRenderer
{
    public static XElement Match(AgencyMail mail, MatchNotice m) =>
        E("Match",
            E("BerichtId", mail.MailId.ToString("D")),
            E("MatchId", m.MatchId.ToString("D")),
            E("Tijdstip", BjzWriter.Moment(mail.At)),
            E("Soort", m.Kind == MatchKinds.Family ? "gezin" : "kind"),
            m.FamilyId is { } family ? E("GezinId", family.ToString("D")) : null,
            E("UwSignaal", m.SignalId.ToString("D")),
            m.SignalMessageId is { } message ? E("UwBerichtId", message.ToString("D")) : null,
            m.SignalHandoverId is { } handover ? E("UwOverdrachtId", handover.ToString("D")) : null,
            m.ConfirmContactBy is { } by ? E("ContactBevestigenVoor", BjzWriter.Moment(by)) : null,
            E("Betrokkenen", m.Others.Select(o => E("Betrokkene",
                E("OrganisatieId", o.AgencyId), E("Naam", o.Name), Opt("Functie", o.Role), Opt("Telefoon", o.Phone), Opt("Email", o.Email),
                E("GesignaleerdOp", BjzWriter.Moment(o.SignalledAt))))));


}
