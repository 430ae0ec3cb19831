using Hl7.Fhir.Model;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>The sender's professional (hulpverlener) as Practitioner and PractitionerRole; nothing when nothing is known.</summary>
sealed class ProfessionalRenderer
{
    readonly Contracts.Handover.Professional _professional;

    ProfessionalRenderer(Contracts.Handover.Professional professional, Practitioner practitioner)
    {
        _professional = professional;
        Practitioner = practitioner;
    }

    public Practitioner Practitioner { get; }

    public string? Name => Text(_professional.Name);

    public static ProfessionalRenderer? Of(Contracts.Handover.Professional? professional)
    {
        if (professional is null || new[] { professional.Name, professional.Role, professional.Phone, professional.Email }.All(s => Text(s) is null))
            return null;
        var practitioner = new Practitioner();
        if (Text(professional.Name) is { } name)
            practitioner.Name.Add(new HumanName { Text = name });
        practitioner.Telecom.AddRange(Telecom(professional.Phone, professional.Email));
        return new ProfessionalRenderer(professional, practitioner);
    }

    public PractitionerRole RoleAt(ResourceReference practitioner, ResourceReference organization)
    {
        var role = new PractitionerRole { Practitioner = practitioner, Organization = organization };
        if (Text(_professional.Role) is { } text)
            role.Code.Add(new CodeableConcept { Text = text });
        return role;
    }
}
