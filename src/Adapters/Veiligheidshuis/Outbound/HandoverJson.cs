using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Adapters.Veiligheidshuis.Outbound.VhhJson;

namespace IntegrationHub.Adapters.Veiligheidshuis.Outbound;

/// <summary>
/// A handover addressed to the Veiligheidshuis (e.g. a school or BJZ asks for a case meeting), in the
/// same field names the system sends its case-meeting handovers with, so it reads what it writes.
/// </summary>
static class HandoverJson
{
    public static JsonObject Render(AgencyMail mail)
    {
        var h = mail.HandoverDocument();
        return Object(
            ("type", "overdracht"),
            ("berichtId", mail.MailId.ToString()),
            ("overdrachtId", mail.HandoverId.ToString()),
            ("tijdstip", Time(h.SentAt ?? mail.At)),
            ("afzender", h.Sender.AgencyId),
            ("contactpersoon", Professional(h.Sender.Professional)),
            ("ontvanger", h.Receiver.AgencyId),
            ("urgentie", VhhTerms.Urgency.ToDutch(h.Urgency)),
            ("doel", VhhTerms.Purpose.ToDutch(h.Purpose)),
            ("grondslag", VhhTerms.LegalBasis.ToDutch(h.LegalBasis.Kind)),
            ("toestemmingDoor", Array(h.LegalBasis.ConsentGivenBy, p => (JsonNode)VhhTerms.ConsentParty.ToDutch(p))),
            ("datumToestemming", Date(h.LegalBasis.ConsentDate)),
            ("grondslagToelichting", h.LegalBasis.Reference),
            ("jeugdige", Person(h.Subject)),
            ("gezin", Object(
                ("ouders", Array(h.Family?.Guardians, g => Object(
                    ("naam", g.Name), ("relatie", VhhTerms.Relationship.ToDutch(g.Relationship)),
                    ("gezag", g.HasAuthority), ("telefoon", g.Phone), ("email", g.Email)))),
                ("broersZussen", Array(h.Family?.Siblings, Person)))),
            ("zorgen", Array(h.Concerns, c => Object(("domein", VhhTerms.Domain.ToDutch(c.Domain)), ("omschrijving", c.Description)))),
            ("gevraagdeActie", VhhTerms.RequestedAction.ToDutch(h.RequestedAction)),
            ("betrokkenen", Array(h.InvolvedProfessionals, p => Object(
                ("instantie", p.AgencyId), ("naam", p.Professional?.Name), ("functie", p.Professional?.Role),
                ("telefoon", p.Professional?.Phone), ("email", p.Professional?.Email)))),
            ("bijlagen", Array(h.Attachments, a => Object(
                ("titel", a.Title), ("type", a.ContentType), ("uri", a.Uri.ToString()), ("grootte", a.SizeBytes), ("sha256", a.Sha256)))),
            ("samenvatting", h.Summary))!;
    }

    static JsonObject? Person(Person p) => Object(
        ("bsn", p.Bsn), ("voornaam", p.GivenName), ("achternaam", p.FamilyName), ("geboortedatum", Date(p.BirthDate)),
        ("adres", p.Address is not { } a ? null : Object(("straat", a.Street), ("huisnummer", a.HouseNumber), ("postcode", a.PostalCode), ("plaats", a.City))));

    public static JsonObject? Professional(Professional? p) => p is null ? null : Object(
        ("naam", p.Name), ("functie", p.Role), ("telefoon", p.Phone), ("email", p.Email));
}
