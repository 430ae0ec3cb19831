namespace IntegrationHub.Adapters.Jgz;

/// <summary>
/// The identifier systems, code systems and extensions of the hub's FHIR profile. The Dutch ones
/// (BSN, ADXP) are national conventions; the <c>urn:integrationhub:*</c> ones are ours and listed in
/// docs/adapters/jgz.md, so a JGZ vendor can fill them.
/// </summary>
public static class JgzSystems
{
    /// <summary>Citizen service number (burgerservicenummer), as nl-core names it.</summary>
    public const string Bsn = "http://fhir.nl/fhir/NamingSystem/bsn";

    /// <summary>The hub's agency id (e.g. jgz-tilburg) on Organization.identifier or a logical reference.</summary>
    public const string Agency = "urn:integrationhub:agency";

    /// <summary>The hub's handover id (a UUID) on Task.identifier.</summary>
    public const string Handover = "urn:integrationhub:handover";

    /// <summary>The hub's mail id on rendered bundles, tasks and communications.</summary>
    public const string Mail = "urn:integrationhub:mail";

    /// <summary>Codes: assessment, care, case-meeting, aftercare (ServiceRequest.code).</summary>
    public const string RequestedAction = "urn:integrationhub:requested-action";

    /// <summary>Codes: school, family, health, ... (ServiceRequest.reasonCode: the life domain of a concern).</summary>
    public const string LifeDomain = "urn:integrationhub:life-domain";

    /// <summary>Codes: care, protection, justice (ServiceRequest.category: purpose binding, doelbinding).</summary>
    public const string Purpose = "urn:integrationhub:purpose";

    /// <summary>Codes: legal-obligation, child-safety (Task.reasonCode: the legal basis when there is no Consent).</summary>
    public const string LegalBasis = "urn:integrationhub:legal-basis";

    /// <summary>Codes: parents, youth (Consent.category: who gave consent).</summary>
    public const string ConsentGiver = "urn:integrationhub:consent-giver";

    /// <summary>Codes: progress (Task.businessStatus: an in-progress Task that reports progress, voortgang).</summary>
    public const string FeedbackKind = "urn:integrationhub:feedback-kind";

    /// <summary>Codes: escalation-raised, escalation-resolved, match, notice (Communication.category).</summary>
    public const string MailKind = "urn:integrationhub:mail-kind";

    /// <summary>Codes: the hub's notice kinds (double-case-meeting, coordinator-assigned, ...; Communication.category of a notice).</summary>
    public const string NoticeKind = "urn:integrationhub:notice-kind";

    /// <summary>The hub's match id (a UUID) on a match's Communication.identifier.</summary>
    public const string Match = "urn:integrationhub:match";

    /// <summary>The hub's signal id (a UUID): the agency's own signal a match is about (Communication.about, a logical Flag).</summary>
    public const string Signal = "urn:integrationhub:signal";

    /// <summary>The hub's family id (a UUID): the family a match or notice is about (Communication.about, a logical Group).</summary>
    public const string Family = "urn:integrationhub:family";

    /// <summary>valueString: the agency id a rejecting receiver suggests instead (on Task).</summary>
    public const string SuggestedAgencyExtension = "urn:integrationhub:fhir:extension:suggested-agency";

    /// <summary>valueBoolean: whether a Patient.contact holds parental authority (gezag).</summary>
    public const string ParentalAuthorityExtension = "urn:integrationhub:fhir:extension:parental-authority";

    /// <summary>Codes: mother, father, guardian, foster-parent, other (Patient.contact.relationship), beside v3 RoleCode.</summary>
    public const string Relationship = "urn:integrationhub:relationship";

    /// <summary>HL7 v3 RoleCode: MTH, FTH, GUARD... on Patient.contact.relationship.</summary>
    public const string V3RoleCode = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

    public const string AdxpStreetName = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-streetName";
    public const string AdxpHouseNumber = "http://hl7.org/fhir/StructureDefinition/iso21090-ADXP-houseNumber";

    public const string ConsentScope = "http://terminology.hl7.org/CodeSystem/consentscope";

    /// <summary>The one Consent.scope the hub reads: a privacy consent (toestemming tot gegevensdeling).</summary>
    public const string PrivacyScope = "patient-privacy";

    /// <summary>SecurityRoleType's own codes; <c>datasubject</c> on Consent.provision.actor is the young person.</summary>
    public const string SecurityRoleType = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";

    public const string Loinc = "http://loinc.org";

    /// <summary>Generated narratives (Narrative.div) are XHTML in this namespace, as FHIR requires.</summary>
    public const string Xhtml = "http://www.w3.org/1999/xhtml";
}
