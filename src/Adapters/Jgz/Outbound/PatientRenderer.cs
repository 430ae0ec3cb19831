using IntegrationHub.Adapters.Jgz.Fhir;
using IntegrationHub.Contracts.Handover;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;
using FhirAddress = IntegrationHub.Adapters.Jgz.Fhir.Address;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>The child as an nl-core style Patient: BSN, official name, home address, parents as contacts.</summary>
static class PatientRenderer
{
    public static Patient Render(HandoverDocument handover)
    {
        var subject = handover.Subject;
        return new Patient
        {
            Identifier = [new Identifier { Use = "official", System = JgzSystems.Bsn, Value = subject.Bsn }],
            Name = [new HumanName
            {
                Use = "official",
                Family = subject.FamilyName,
                Given = subject.GivenName.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
            }],
            BirthDate = Date(subject.BirthDate),
            Address = subject.Address is { } address ? [AddressOf(address)] : null,
            Contact = handover.Family?.Guardians?.Select(Contact).ToList() is { Count: > 0 } contacts ? contacts : null,
        };
    }

    static FhirAddress AddressOf(IntegrationHub.Contracts.Handover.Address address)
    {
        var line = string.Join(" ", new[] { address.Street, address.HouseNumber }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var parts = new List<Extension>();
        if (!string.IsNullOrWhiteSpace(address.Street))
            parts.Add(new Extension { Url = JgzSystems.AdxpStreetName, ValueString = address.Street });
        if (!string.IsNullOrWhiteSpace(address.HouseNumber))
            parts.Add(new Extension { Url = JgzSystems.AdxpHouseNumber, ValueString = address.HouseNumber });
        return new FhirAddress
        {
            Use = "home",
            Line = line.Length > 0 ? [line] : null,
            LineElements = parts.Count > 0 ? [new Element { Extension = parts }] : null,
            PostalCode = address.PostalCode,
            City = address.City,
        };
    }

    static PatientContact Contact(Guardian guardian)
    {
        var codings = new List<Coding>();
        if (JgzVocabulary.V3CodeOf(guardian.Relationship) is { } v3)
            codings.Add(new Coding { System = JgzSystems.V3RoleCode, Code = v3 });
        codings.Add(new Coding { System = JgzSystems.Relationship, Code = guardian.Relationship });
        return new PatientContact
        {
            Extension = guardian.HasAuthority is { } authority
                ? [new Extension { Url = JgzSystems.ParentalAuthorityExtension, ValueBoolean = authority }]
                : null,
            Relationship = [new CodeableConcept { Coding = codings, Text = guardian.Relationship }],
            Name = new HumanName { Text = guardian.Name },
            Telecom = Telecom(guardian.Phone, guardian.Email),
        };
    }
}
