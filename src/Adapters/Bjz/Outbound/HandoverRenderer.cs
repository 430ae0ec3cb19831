using System.Xml.Linq;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Bjz.BjzXml;
using static IntegrationHub.Adapters.Bjz.Outbound.PartyElements;

namespace IntegrationHub.Adapters.Bjz.Outbound;

/// <summary>A handover addressed to BJZ becomes an &lt;Overdracht&gt;, the same shape BJZ sends.</summary>
static class HandoverRenderer
{
    public static XElement Render(AgencyMail mail, HandoverDocument h) =>
        E(Handover,
            // The mail id, not the sender's messageId: it is what stays stable when the hub redelivers.
            E("BerichtId", mail.MailId.ToString("D")),
            E("OverdrachtId", mail.HandoverId.ToString("D")),
            h.SentAt is { } sent ? E("Verzonden", BjzWriter.Moment(sent)) : null,
            Party("Afzender", h.Sender),
            E("Ontvanger", E("OrganisatieId", h.Receiver.AgencyId)),
            E("Urgentie", BjzCodes.Urgency.ToBjz(h.Urgency)),
            E("Doel", BjzCodes.Purpose.ToBjz(h.Purpose)),
            LegalBasis(h.LegalBasis),
            Person("Jeugdige", h.Subject),
            Family(h.Family),
            E("Zorgen", h.Concerns.Select(c => E("Zorg", E("Leefgebied", BjzCodes.Domain.ToBjz(c.Domain)), E("Omschrijving", c.Description)))),
            E("GevraagdeActie", BjzCodes.RequestedAction.ToBjz(h.RequestedAction)),
            h.InvolvedProfessionals is { Count: > 0 } professionals
                ? E("BetrokkenProfessionals", professionals.Select(p => Party("Professional", p)))
                : null,
            h.Attachments is { Count: > 0 } attachments
                ? E("Bijlagen", attachments.Select(Attachment))
                : null,
            Opt("Samenvatting", h.Summary));

    static XElement LegalBasis(LegalBasis basis) =>
        E("Grondslag",
            E("Soort", BjzCodes.LegalBasis.ToBjz(basis.Kind)),
            (basis.ConsentGivenBy ?? []).Select(by => E("ToestemmingDoor", BjzCodes.ConsentGivenBy.ToBjz(by))),
            basis.ConsentDate is { } date ? E("ToestemmingDatum", BjzWriter.Date(date)) : null,
            Opt("Referentie", basis.Reference));

    static XElement? Family(Family? family) => family is null
        ? null
        : E("Gezin",
            (family.Guardians ?? []).Select(g => E("Ouder",
                E("Naam", g.Name),
                E("Relatie", BjzCodes.Relationship.ToBjz(g.Relationship)),
                g.HasAuthority is { } authority ? E("Gezag", authority ? "true" : "false") : null,
                Opt("Telefoon", g.Phone),
                Opt("Email", g.Email))),
            (family.Siblings ?? []).Select(s => Person("BroerZus", s)));

    static XElement Attachment(Attachment a) =>
        E("Bijlage",
            E("Titel", a.Title),
            E("ContentType", a.ContentType),
            E("Uri", a.Uri.OriginalString),
            E("Grootte", a.SizeBytes),
            E("Sha256", a.Sha256));
}
