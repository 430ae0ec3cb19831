using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace IntegrationHub.Adapters.Jgz.Inbound;

/// <summary>The child (Patient) as the handover's subject, and its parents or guardians (Patient.contact).</summary>
sealed partial class PatientReader(Translation t)
{
    public JsonObject Subject(Located located)
    {
        const string at = "/subject";
        var patient = located.As<Patient>();
        var subject = new JsonObject();
        t.Source(at, located.Path);

        if (FhirValues.Identifier(patient.Identifier, JgzSystems.Bsn) is var (bsn, b))
        {
            t.Source($"{at}/bsn", $"{located.Path}.identifier[{b}].value");
            if (FhirValues.NonEmpty(bsn.Value) is { } value)
                subject["bsn"] = value;
            else
                t.Problem($"{located.Path}.identifier[{b}].value", "is required: the BSN", $"{at}/bsn");
        }
        else
            t.Problem($"{located.Path}.identifier", $"has no identifier with system {JgzSystems.Bsn} (BSN)", $"{at}/bsn");

        var (name, n) = OfficialName(patient.Name);
        if (name is not null)
        {
            var namePath = $"{located.Path}.name[{n}]";
            if (string.Join(" ", name.Given.Select(FhirValues.NonEmpty).OfType<string>()) is { Length: > 0 } givenName)
                subject["givenName"] = givenName;
            if (FhirValues.NonEmpty(name.Family) is { } family)
                subject["familyName"] = family;
            t.Source($"{at}/givenName", $"{namePath}.given");
            t.Source($"{at}/familyName", $"{namePath}.family");
        }
        else
        {
            t.Source($"{at}/givenName", $"{located.Path}.name");
            t.Source($"{at}/familyName", $"{located.Path}.name");
        }

        t.Source($"{at}/birthDate", $"{located.Path}.birthDate");
        if (patient.BirthDate is { } birthText)
        {
            if (FhirValues.Date(birthText, out var why) is { } birth)
                subject["birthDate"] = FhirValues.Format(birth);
            else
                t.Problem($"{located.Path}.birthDate", why!, $"{at}/birthDate");
        }

        if (patient.Address is { Count: > 0 } addresses && Address(addresses, located.Path) is { } address)
            subject["address"] = address;
        return subject;
    }

    /// <summary>The official name when marked, else the first: nl-core systems often send several.</summary>
    static (HumanName? Name, int Index) OfficialName(List<HumanName> names)
    {
        var official = names.FindIndex(n => n?.Use == HumanName.NameUse.Official);
        var index = official >= 0 ? official : names.FindIndex(n => n is not null);
        return index >= 0 ? (names[index], index) : (null, -1);
    }

    JsonObject? Address(List<Address> addresses, string patientPath)
    {
        // Home address first; a postal or temporary address is not where the child lives.
        var index = addresses.FindIndex(a => a?.Use == Hl7.Fhir.Model.Address.AddressUse.Home);
        if (index < 0)
            index = addresses.FindIndex(a => a is not null && a.Use is not (Hl7.Fhir.Model.Address.AddressUse.Old or Hl7.Fhir.Model.Address.AddressUse.Billing));
        if (index < 0)
            return null;
        var address = addresses[index];
        var path = $"{patientPath}.address[{index}]";
        var result = new JsonObject();
        t.Source("/subject/address", path);

        var (street, number) = StreetAndNumber(address);
        if (street is not null)
            result["street"] = street;
        if (number is not null)
            result["houseNumber"] = number;
        t.Source("/subject/address/street", $"{path}.line[0]");
        t.Source("/subject/address/houseNumber", $"{path}.line[0]");
        if (FhirValues.NonEmpty(address.PostalCode) is { } postalCode)
        {
            // Dutch postcodes arrive as "5038ab" as often as "5038 AB"; the format is not the point.
            result["postalCode"] = postalCode.ToUpperInvariant();
            t.Source("/subject/address/postalCode", $"{path}.postalCode");
        }
        if (FhirValues.NonEmpty(address.City) is { } city)
        {
            result["city"] = city;
            t.Source("/subject/address/city", $"{path}.city");
        }
        return result.Count > 0 ? result : null;
    }

    /// <summary>Street and house number: from nl-core's ADXP extensions on line[0] when present, else split from its text.</summary>
    static (string? Street, string? Number) StreetAndNumber(Address address)
    {
        var first = address.LineElement.Count > 0 ? address.LineElement[0] : null;
        var street = FhirValues.NonEmpty((first?.GetExtensionValue<FhirString>(JgzSystems.AdxpStreetName))?.Value);
        var number = FhirValues.NonEmpty((first?.GetExtensionValue<FhirString>(JgzSystems.AdxpHouseNumber))?.Value);
        if (street is not null || number is not null)
            return (street, number);
        if (FhirValues.NonEmpty(first?.Value) is not { } line)
            return (null, null);
        var match = StreetThenNumber().Match(line);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : (line, null);
    }

    [GeneratedRegex(@"^(.*?\D)\s+(\d+\s*[A-Za-z]?(?:[-\s]?\w{1,4})?)$")]
    private static partial Regex StreetThenNumber();

    /// <summary>Parents and guardians (ouders/voogd) from Patient.contact.</summary>
    public JsonArray? Guardians(Located located)
    {
        var contacts = located.As<Patient>().Contact;
        if (contacts.Count == 0)
            return null;
        var guardians = new JsonArray();
        t.Source("/family/guardians", $"{located.Path}.contact");
        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = contacts[i];
            if (contact is null)
                continue;
            var path = $"{located.Path}.contact[{i}]";
            var at = $"/family/guardians/{guardians.Count}";
            var guardian = new JsonObject();
            t.Source(at, path);
            if (PartyReader.Display(contact.Name) is { } name)
                guardian["name"] = name;
            t.Source($"{at}/name", $"{path}.name");
            guardian["relationship"] = Relationship(contact.Relationship);
            t.Source($"{at}/relationship", $"{path}.relationship");
            if (Authority(contact) is { } authority)
                guardian["hasAuthority"] = authority;
            for (var c = 0; c < contact.Telecom.Count; c++)
            {
                var point = contact.Telecom[c];
                var system = point?.System switch
                {
                    ContactPoint.ContactPointSystem.Phone => "phone",
                    ContactPoint.ContactPointSystem.Email => "email",
                    _ => null,
                };
                if (system is not null && !guardian.ContainsKey(system) && FhirValues.NonEmpty(point!.Value) is { } value)
                {
                    guardian[system] = value;
                    t.Source($"{at}/{system}", $"{path}.telecom[{c}].value");
                }
            }
            guardians.Add(guardian);
        }
        return guardians.Count > 0 ? guardians : null;
    }

    /// <summary>
    /// Parental authority (gezag), as FHIR systems say it: the hub's extension where a system sends it, else a role
    /// that carries authority by definition (v3 GUARD; nl-core's Voogd or Wettelijke vertegenwoordiger). A mother or
    /// father code alone says nothing about authority, so it stays unknown.
    /// </summary>
    static bool? Authority(Patient.ContactComponent contact)
    {
        if (contact.GetExtensionValue<FhirBoolean>(JgzSystems.ParentalAuthorityExtension)?.Value is { } stated)
            return stated;
        var byRole = contact.Relationship.Any(r => FhirValues.Has(r, JgzSystems.V3RoleCode, "GUARD")
            || FhirValues.Has(r, JgzSystems.NlContactRole, "11") || FhirValues.Has(r, JgzSystems.NlContactRole, "24"));
        return byRole ? true : null;
    }

    static string Relationship(List<CodeableConcept> relationships)
    {
        if (FhirValues.Find(relationships, JgzSystems.Relationship, "") is var (ours, _) && ours.Code is { } code && JgzVocabulary.Relationships.Contains(code))
            return code;
        if (FhirValues.Find(relationships, JgzSystems.V3RoleCode, "") is var (v3, _) && v3.Code is { } v3Code)
            return JgzVocabulary.RelationshipOf(v3Code);
        return "other";
    }
}
