using Hl7.Fhir.Model;
using IntegrationHub.Adapters.Jgz.Fhir;
using IntegrationHub.Adapters.Jgz.Inbound;
using IntegrationHub.Adapters.Jgz.Outbound;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Adapters.Jgz;

/// <summary>
/// Youth health care (jeugdgezondheidszorg, JGZ) systems speak HL7 FHIR R4 JSON: a referral is a
/// Task + ServiceRequest + Patient + Organization/Practitioner + Consent, in a Bundle or contained in
/// the Task; feedback is the Task's status. Parsing, the model and serialisation are the Firely SDK's
/// (Hl7.Fhir.R4). docs/adapters/jgz.md has the mapping.
/// </summary>
public sealed class JgzFhirAdapter : IAgencyAdapter
{
    public const string ContentType = "application/fhir+json";

    public string Name => "jgz";
    public string Format => "jgz-fhir";

    public InboundResult Read(ReadOnlyMemory<byte> body, string? contentType, AdapterContext context) =>
        InboundResult.Guarded(Name, () =>
        {
            var resource = FhirBody.Parse(body, contentType, context.MaxBodyBytes, out var failure);
            return resource is null ? failure! : new FhirMessageReader(context).Read(resource);
        });

    public OutboundDocument Render(AgencyMail mail)
    {
        Resource resource = mail.Kind switch
        {
            AgencyMailKinds.Handover => HandoverRenderer.Render(mail),
            AgencyMailKinds.Feedback => FeedbackRenderer.Render(mail),
            AgencyMailKinds.EscalationRaised or AgencyMailKinds.EscalationResolved => EscalationRenderer.Render(mail),
            AgencyMailKinds.Notice => NoticeRenderer.Render(mail),
            AgencyMailKinds.Retour => RetourOutcome.Render(mail),
            AgencyMailKinds.Match => ChainRenderer.Match(mail),
            _ => throw new ArgumentException($"mail kind '{mail.Kind}' cannot be rendered as FHIR", nameof(mail)),
        };
        return new OutboundDocument(ContentType, FhirJson.Serialize(resource));
    }
}
