using System.Text.Json;
using IntegrationHub.Contracts.Handover;

namespace IntegrationHub.Adapters.Veiligheidshuis.Inbound;

/// <summary>The young person (jeugdige), the family (gezin) and professionals, shared by every message type.</summary>
static class PersonReader
{
    public static Person? Person(VhhFields f, JsonElement parent, string at, string name, bool required = true) =>
        f.Object(parent, at, name, required) is { } p ? PersonAt(f, p, $"{at}/{name}") : null;

    static Person? PersonAt(VhhFields f, JsonElement p, string path)
    {
        var bsn = f.String(p, path, "bsn", required: true);
        var given = f.String(p, path, "voornaam", required: true);
        var family = f.String(p, path, "achternaam", required: true);
        var birth = f.Date(p, path, "geboortedatum", required: true);
        var address = Address(f, p, path);
        if (bsn is null || given is null || family is null || birth is null)
            return null;
        return new Person { Bsn = bsn, GivenName = given, FamilyName = family, BirthDate = birth.Value, Address = address };
    }

    static Address? Address(VhhFields f, JsonElement person, string at)
    {
        if (f.Object(person, at, "adres") is not { } a)
            return null;
        var path = $"{at}/adres";
        return new Address
        {
            Street = f.String(a, path, "straat"),
            HouseNumber = f.String(a, path, "huisnummer"),
            PostalCode = f.String(a, path, "postcode")?.ToUpperInvariant(),
            City = f.String(a, path, "plaats"),
        };
    }

    public static Family? Family(VhhFields f, JsonElement root, VhhPathMap map)
    {
        if (f.Object(root, "", "gezin") is not { } gezin)
            return null;
        var guardians = new List<Guardian>();
        foreach (var (item, path) in f.Array(gezin, "/gezin", "ouders"))
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                f.Problem(path, "must be an object");
                continue;
            }
            var name = f.String(item, path, "naam", required: true);
            var relationship = f.Term(item, path, "relatie", VhhTerms.Relationship, required: true);
            var authority = f.Bool(item, path, "gezag");
            if (name is not null && relationship is not null)
            {
                map.Add($"/family/guardians/{guardians.Count}", path);
                guardians.Add(new Guardian
                {
                    Name = name, Relationship = relationship, HasAuthority = authority,
                    Phone = f.String(item, path, "telefoon"), Email = f.String(item, path, "email"),
                });
            }
        }
        var siblings = new List<Person>();
        foreach (var (item, path) in f.Array(gezin, "/gezin", "broersZussen"))
        {
            if (item.ValueKind != JsonValueKind.Object)
                f.Problem(path, "must be an object");
            else if (PersonAt(f, item, path) is { } sibling)
            {
                map.Add($"/family/siblings/{siblings.Count}", path);
                siblings.Add(sibling);
            }
        }
        return guardians.Count == 0 && siblings.Count == 0
            ? null
            : new Family { Guardians = guardians.Count == 0 ? null : guardians, Siblings = siblings.Count == 0 ? null : siblings };
    }

    /// <summary>A professional as this system writes one: naam, functie, telefoon, email.</summary>
    public static Professional? Professional(VhhFields f, JsonElement parent, string at, string name, bool required = false)
    {
        if (f.Object(parent, at, name, required) is not { } p)
            return null;
        var path = $"{at}/{name}";
        var naam = f.String(p, path, "naam", required: true);
        return naam is null ? null : new Professional
        {
            Name = naam, Role = f.String(p, path, "functie"), Phone = f.String(p, path, "telefoon"), Email = f.String(p, path, "email"),
        };
    }
}
