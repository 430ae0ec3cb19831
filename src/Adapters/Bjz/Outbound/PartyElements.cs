using System.Xml.Linq;
using IntegrationHub.Contracts.Handover;
using static IntegrationHub.Adapters.Bjz.BjzXml;

namespace IntegrationHub.Adapters.Bjz.Outbound;

/// <summary>Parties and people, shared by handover and feedback rendering.</summary>
static class PartyElements
{
    public static XElement Party(string name, Party party) =>
        E(name,
            E("OrganisatieId", party.AgencyId),
            party.Professional is { } p
                ? E("Medewerker", E("Naam", p.Name), Opt("Functie", p.Role), Opt("Telefoon", p.Phone), Opt("Email", p.Email))
                : null);

    public static XElement Person(string name, Person person) =>
        E(name,
            E("BSN", person.Bsn),
            E("Voornaam", person.GivenName),
            E("Achternaam", person.FamilyName),
            E("Geboortedatum", BjzWriter.Date(person.BirthDate)),
            person.Address is { } a
                ? E("Adres", Opt("Straat", a.Street), Opt("Huisnummer", a.HouseNumber), Opt("Postcode", a.PostalCode), Opt("Woonplaats", a.City))
                : null);
}
