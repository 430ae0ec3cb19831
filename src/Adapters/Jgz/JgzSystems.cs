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

    /// <summary>Codes: escalation-raised, escalation-resolved, notice, match, retour (Communication.category).</summary>
    public const string MailKind = "urn:integrationhub:mail-kind";

    /// <summary>Codes: transition-plan-needed, decision, the chain's double-case-meeting, coordinator-assigned, ... (Communication.category of a notice: which notice).</summary>
    public const string NoticeKind = "urn:integrationhub:notice-kind";

    /// <summary>Codes: no-care-needed, moved-away, consent-withdrawn, other (Task.statusReason of a withdrawal or closed).</summary>
    public const string ReasonCode = "urn:integrationhub:reason-code";

    /// <summary>Codes: no-contact, disagreement, agreements-not-kept, no-capacity, no-result, unsafe (Communication.reasonCode).</summary>
    public const string EscalationReason = "urn:integrationhub:escalation-reason";

    /// <summary>The hub's escalation id on Communication.identifier: what an acknowledgement or a decision names.</summary>
    public const string Escalation = "urn:integrationhub:escalation";

    /// <summary>The hub's messageId of the message a retour answers (OperationOutcome extension, valueIdentifier).</summary>
    public const string Message = "urn:integrationhub:message";

    /// <summary>Codes: the retour codes of docs/retour-codes.md (OperationOutcome.issue.details).</summary>
    public const string RetourCode = "urn:integrationhub:retour-code";

    /// <summary>valueDateTime: by when the sender must re-route the child after a rejection or withdrawal (on Task).</summary>
    public const string RerouteDueExtension = "urn:integrationhub:fhir:extension:reroute-due";

    /// <summary>valueDateTime: acknowledge this escalation notice by then (on Communication).</summary>
    public const string AcknowledgeByExtension = "urn:integrationhub:fhir:extension:acknowledge-by";

    /// <summary>valueBoolean: the notice is sent again because it was not acknowledged in time (on Communication).</summary>
    public const string RenoticeExtension = "urn:integrationhub:fhir:extension:renotice";

    /// <summary>On a retour (OperationOutcome): the message it answers (valueIdentifier, system urn:integrationhub:message).</summary>
    public const string RetourMessageExtension = "urn:integrationhub:fhir:extension:retour-message";

    /// <summary>On a retour: the sender's own id of the message (valueString: Bundle.id, Task/{id}/_history/{version}).</summary>
    public const string RetourSourceExtension = "urn:integrationhub:fhir:extension:retour-source-message";

    /// <summary>On a retour: the handover it made or concerned (valueIdentifier, system urn:integrationhub:handover).</summary>
    public const string RetourHandoverExtension = "urn:integrationhub:fhir:extension:retour-handover";

    /// <summary>On a retour: accepted or refused (valueCode), and the code list's version (valueString).</summary>
    public const string RetourStatusExtension = "urn:integrationhub:fhir:extension:retour-status";
    public const string RetourCodeListExtension = "urn:integrationhub:fhir:extension:retour-code-list";

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

    /// <summary>
    /// The Dutch role list of a contact person (COD472 RolCodelijst, nl-core-ContactPerson.role): 11 Voogd and
    /// 24 Wettelijke vertegenwoordiger name someone who holds parental authority over a minor.
    /// </summary>
    public const string NlContactRole = "urn:oid:2.16.840.1.113883.2.4.3.11.22.472";

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
