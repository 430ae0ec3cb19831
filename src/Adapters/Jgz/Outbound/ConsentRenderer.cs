using Hl7.Fhir.Model;
using static IntegrationHub.Adapters.Jgz.Outbound.FhirBuild;

namespace IntegrationHub.Adapters.Jgz.Outbound;

/// <summary>
/// Consent (toestemming) as the privacy Consent it is: active, scope patient-privacy, a plain permit,
/// who consented as performer, and always a policyRule (the legal-basis kind as a code), so invariant
/// ppc-1 (policy or policyRule) holds whether or not the hub knows the covenant clause.
/// </summary>
static class ConsentRenderer
{
    public static Consent Render(Contracts.Handover.LegalBasis basis, ResourceReference patient)
    {
        var givers = (basis.ConsentGivenBy ?? []).Select(Text).OfType<string>().Distinct().ToList();
        var consent = new Consent
        {
            Status = Consent.ConsentState.Active,
            Scope = new CodeableConcept(JgzSystems.ConsentScope, JgzSystems.PrivacyScope),
            Patient = patient,
            DateTime = basis.ConsentDate is { } day ? Date(day) : null,
            PolicyRule = Concept(JgzSystems.LegalBasis, "consent", basis.Reference),
            Provision = new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Permit },
        };
        consent.Category.Add(new CodeableConcept { Coding = [new Coding { System = JgzSystems.Loinc, Code = "59284-0", Display = "Patient Consent" }] });
        foreach (var giver in givers)
            consent.Category.AddIfAny(Concept(JgzSystems.ConsentGiver, giver));
        foreach (var giver in givers)
            consent.Performer.Add(giver == "youth"
                ? new ResourceReference { Reference = patient.Reference, Display = "jeugdige (the young person)" }
                : new ResourceReference { Type = "RelatedPerson", Display = "ouders (parents)" });
        return consent;
    }
}
