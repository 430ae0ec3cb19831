using System.Text.Json.Nodes;
using System.Xml.Linq;
using static IntegrationHub.Adapters.Bjz.Inbound.CanonicalWriter;

namespace IntegrationHub.Adapters.Bjz.Inbound;

/// <summary>An &lt;Overdracht&gt; (handover) becomes a canonical handover (handover.schema.json).</summary>
sealed class HandoverTranslator(CanonicalWriter w)
{
    public JsonObject Translate(XElement root)
    {
        var doc = new JsonObject { ["schemaVersion"] = "1.0" };
        w.Value(doc, "", "messageId", Child(root, "BerichtId"), id => DeterministicId.From("bjz", id).ToString("D"));
        w.Value(doc, "", "handoverId", Child(root, "OverdrachtId"), Uuid);
        w.Value(doc, "", "sentAt", Child(root, "Verzonden"), Moment);
        Party(doc, "", "sender", Child(root, "Afzender"));
        if (w.Object(doc, "", "receiver", Child(root, "Ontvanger")) is { } receiver)
            w.Value(receiver, "/receiver", "agencyId", Child(Child(root, "Ontvanger"), "OrganisatieId"));
        w.Code(doc, "", "urgency", Child(root, "Urgentie"), BjzCodes.Urgency);
        w.Code(doc, "", "purpose", Child(root, "Doel"), BjzCodes.Purpose);
        LegalBasis(doc, Child(root, "Grondslag"));
        Person(doc, "", "subject", Child(root, "Jeugdige"));
        Family(doc, Child(root, "Gezin"));
        Concerns(doc, Child(root, "Zorgen"));
        w.Code(doc, "", "requestedAction", Child(root, "GevraagdeActie"), BjzCodes.RequestedAction);
        Professionals(doc, Child(root, "BetrokkenProfessionals"));
        Attachments(doc, Child(root, "Bijlagen"));
        w.Value(doc, "", "summary", Child(root, "Samenvatting"));
        return doc;
    }

    void LegalBasis(JsonObject doc, XElement? from)
    {
        if (w.Object(doc, "", "legalBasis", from) is not { } basis)
            return;
        w.Code(basis, "/legalBasis", "kind", Child(from, "Soort"), BjzCodes.LegalBasis);
        w.Codes(basis, "/legalBasis", "consentGivenBy", Children(from, "ToestemmingDoor").ToList(), BjzCodes.ConsentGivenBy);
        w.Value(basis, "/legalBasis", "consentDate", Child(from, "ToestemmingDatum"));
        w.Value(basis, "/legalBasis", "reference", Child(from, "Referentie"));
    }

    void Family(JsonObject doc, XElement? from)
    {
        if (w.Object(doc, "", "family", from) is not { } family)
            return;
        var guardians = Children(from, "Ouder").ToList();
        if (guardians.Count > 0)
        {
            var array = w.Array(family, "/family", "guardians", guardians[0]);
            foreach (var g in guardians)
            {
                var at = $"/family/guardians/{array.Count}";
                var guardian = w.Item(array, "/family/guardians", g);
                w.Value(guardian, at, "name", Child(g, "Naam"));
                w.Code(guardian, at, "relationship", Child(g, "Relatie"), BjzCodes.Relationship);
                w.Value(guardian, at, "hasAuthority", Child(g, "Gezag"), Boolean);
                w.Value(guardian, at, "phone", Child(g, "Telefoon"));
                w.Value(guardian, at, "email", Child(g, "Email"));
            }
        }
        var siblings = Children(from, "BroerZus").ToList();
        if (siblings.Count > 0)
        {
            var array = w.Array(family, "/family", "siblings", siblings[0]);
            foreach (var s in siblings)
                PersonFields(w.Item(array, "/family/siblings", s), $"/family/siblings/{array.Count - 1}", s);
        }
    }

    void Concerns(JsonObject doc, XElement? from)
    {
        if (from is null)
            return;
        var array = w.Array(doc, "", "concerns", from);
        foreach (var c in Children(from, "Zorg"))
        {
            var at = $"/concerns/{array.Count}";
            var concern = w.Item(array, "/concerns", c);
            w.Code(concern, at, "domain", Child(c, "Leefgebied"), BjzCodes.Domain);
            w.Value(concern, at, "description", Child(c, "Omschrijving"));
        }
    }

    void Professionals(JsonObject doc, XElement? from)
    {
        if (from is null)
            return;
        var array = w.Array(doc, "", "involvedProfessionals", from);
        foreach (var p in Children(from, "Professional"))
        {
            var at = $"/involvedProfessionals/{array.Count}";
            PartyFields(w.Item(array, "/involvedProfessionals", p), at, p);
        }
    }

    void Attachments(JsonObject doc, XElement? from)
    {
        if (from is null)
            return;
        var array = w.Array(doc, "", "attachments", from);
        foreach (var b in Children(from, "Bijlage"))
        {
            var at = $"/attachments/{array.Count}";
            var attachment = w.Item(array, "/attachments", b);
            w.Value(attachment, at, "title", Child(b, "Titel"));
            w.Value(attachment, at, "contentType", Child(b, "ContentType"));
            w.Value(attachment, at, "uri", Child(b, "Uri"));
            w.Value(attachment, at, "sizeBytes", Child(b, "Grootte"), Long);
            w.Value(attachment, at, "sha256", Child(b, "Sha256"));
        }
    }

    void Person(JsonObject into, string at, string name, XElement? from)
    {
        if (w.Object(into, at, name, from) is { } person)
            PersonFields(person, $"{at}/{name}", from!);
    }

    void PersonFields(JsonObject person, string at, XElement from)
    {
        w.Value(person, at, "bsn", Child(from, "BSN"));
        w.Value(person, at, "givenName", Child(from, "Voornaam"));
        w.Value(person, at, "familyName", Child(from, "Achternaam"));
        w.Value(person, at, "birthDate", Child(from, "Geboortedatum"));
        var adres = Child(from, "Adres");
        if (w.Object(person, at, "address", adres) is not { } address)
            return;
        w.Value(address, $"{at}/address", "street", Child(adres, "Straat"));
        w.Value(address, $"{at}/address", "houseNumber", Child(adres, "Huisnummer"));
        w.Value(address, $"{at}/address", "postalCode", Child(adres, "Postcode"));
        w.Value(address, $"{at}/address", "city", Child(adres, "Woonplaats"));
    }

    void Party(JsonObject into, string at, string name, XElement? from)
    {
        if (w.Object(into, at, name, from) is { } party)
            PartyFields(party, $"{at}/{name}", from!);
    }

    /// <summary>Shared with feedback: &lt;Door&gt; is a party too.</summary>
    public static void PartyFields(CanonicalWriter w, JsonObject party, string at, XElement from)
    {
        w.Value(party, at, "agencyId", Child(from, "OrganisatieId"));
        var medewerker = Child(from, "Medewerker");
        if (w.Object(party, at, "professional", medewerker) is not { } professional)
            return;
        w.Value(professional, $"{at}/professional", "name", Child(medewerker, "Naam"));
        w.Value(professional, $"{at}/professional", "role", Child(medewerker, "Functie"));
        w.Value(professional, $"{at}/professional", "phone", Child(medewerker, "Telefoon"));
        w.Value(professional, $"{at}/professional", "email", Child(medewerker, "Email"));
    }

    void PartyFields(JsonObject party, string at, XElement from) => PartyFields(w, party, at, from);
}
