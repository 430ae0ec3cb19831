using Hl7.Fhir.Model;
using IntegrationHub.Contracts.Handover;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;
using FhirAddress = Hl7.Fhir.Model.Address;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>The child as an nl-core style Patient: BSN, official name, home address, parents as contacts.</summary>
static class PatientRenderer
{
    public static Patient Render(HandoverDocument handover)
    {
        var subject = handover.Subject;
        var given = (subject.GivenName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var name = new HumanName { Use = HumanName.NameUse.Official, Family = Text(subject.FamilyName), Given = given };
        var fullName = Text(string.Join(" ", given.Append(subject.FamilyName ?? "")));
        var patient = new Patient
        {
            Text = Narratives.Of($"{fullName ?? "Name not given"}, born {Date(subject.BirthDate)}."),
            BirthDate = Date(subject.BirthDate),
        };
        patient.Identifier.Add(new Identifier { Use = Identifier.IdentifierUse.Official, System = JgzSystems.Bsn, Value = Text(subject.Bsn) });
        if (name.Family is not null || given.Count > 0)
            patient.Name.Add(name);
        patient.Address.AddIfAny(subject.Address is { } address ? AddressOf(address) : null);
        foreach (var guardian in handover.Family?.Guardians ?? [])
            patient.Contact.AddIfAny(Contact(guardian));
        return patient;
    }

    static FhirAddress? AddressOf(Contracts.Handover.Address address)
    {
        var street = Text(address.Street);
        var number = Text(address.HouseNumber);
        var result = new FhirAddress { Use = FhirAddress.AddressUse.Home, PostalCode = Text(address.PostalCode), City = Text(address.City) };
        if (Text(string.Join(" ", new[] { street, number }.OfType<string>())) is { } line)
        {
            var lineElement = new FhirString(line);
            // nl-core's ADXP parts, so a Dutch system need not split "Lindenstraat 14" again.
            if (street is not null)
                lineElement.AddExtension(JgzSystems.AdxpStreetName, new FhirString(street));
            if (number is not null)
                lineElement.AddExtension(JgzSystems.AdxpHouseNumber, new FhirString(number));
            result.LineElement.Add(lineElement);
        }
        return result.LineElement.Count > 0 || result.PostalCode is not null || result.City is not null ? result : null;
    }

    static Patient.ContactComponent? Contact(Guardian guardian)
    {
        var relationship = Text(guardian.Relationship);
        var contact = new Patient.ContactComponent();
        if (guardian.HasAuthority is { } authority)
            contact.AddExtension(JgzSystems.ParentalAuthorityExtension, new FhirBoolean(authority));
        if (relationship is not null)
        {
            var concept = new CodeableConcept { Text = relationship };
            if (JgzVocabulary.V3CodeOf(relationship) is { } v3)
                concept.Coding.Add(new Coding { System = JgzSystems.V3RoleCode, Code = v3 });
            concept.Coding.Add(new Coding { System = JgzSystems.Relationship, Code = relationship });
            contact.Relationship.Add(concept);
        }
        if (Text(guardian.Name) is { } name)
            contact.Name = new HumanName { Text = name };
        contact.Telecom.AddRange(Telecom(guardian.Phone, guardian.Email));
        // pat-1: a contact names someone, or is left out.
        return contact.Name is not null || contact.Telecom.Count > 0 ? contact : null;
    }
}
