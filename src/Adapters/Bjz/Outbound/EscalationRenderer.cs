using System.Xml.Linq;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Bjz.BjzXml;

namespace IntegrationHub.Adapters.Bjz.Outbound;

/// <summary>
/// An escalation notice (opschaling) raised or resolved becomes an &lt;Escalatie&gt;; what an addressee does next
/// (acknowledge by when, the escalation's id) and why an escalation on request was asked for come last.
/// </summary>
static class EscalationRenderer
{
    public static XElement Render(AgencyMail mail, EscalationNotice n) =>
        E(Escalation,
            E("BerichtId", mail.MailId.ToString("D")),
            E("OverdrachtId", mail.HandoverId.ToString("D")),
            E("Tijdstip", BjzWriter.Moment(mail.At)),
            E("Status", mail.Kind == AgencyMailKinds.EscalationResolved ? "opgelost" : "opgeschaald"),
            E("Niveau", n.Level),
            E("Termijn", BjzCodes.DeadlineKind.ToBjz(n.DeadlineKind)),
            E("VerlopenSinds", BjzWriter.Moment(n.OverdueSince)),
            E("OverdrachtVan", mail.Sender),
            E("OverdrachtAan", mail.Receiver),
            E("Verantwoordelijke", n.ResponsibleAgency),
            n.Addressees.Count > 0
                ? E("Geadresseerden", n.Addressees.Select(a =>
                    E("Geadresseerde", E("OrganisatieId", a.AgencyId), E("Rol", a.Role), Opt("Naam", a.Name), Opt("Email", a.Email))))
                : null,
            n.ResolvedAt is { } resolved ? E("OpgelostOp", BjzWriter.Moment(resolved)) : null,
            Opt("OpgelostDoor", n.ResolvedBy),
            n.EscalationId != Guid.Empty ? E("EscalatieId", n.EscalationId.ToString("D")) : null,
            n.Reason is { } reason ? E("Reden", BjzCodes.EscalationReason.ToBjz(reason)) : null,
            Opt("GevraagdDoor", n.RequestedBy),
            n.AcknowledgeBy is { } by ? E("BevestigenVoor", BjzWriter.Moment(by)) : null,
            n.Renotice ? E("Herinnering", "true") : null);
}
