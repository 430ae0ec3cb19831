using System.Text.Json;
using IntegrationHub.Adapters.Jgz.Fhir;
using IntegrationHub.Adapters.Jgz.Inbound;
using IntegrationHub.Adapters.Jgz.Outbound;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Adapters.Jgz;

/// <summary>
/// Youth health care (jeugdgezondheidszorg, JGZ) systems speak HL7 FHIR R4 JSON: a referral is a
/// Bundle of Task + ServiceRequest + Patient + Organization/Practitioner + Consent, feedback is the
/// Task's status. docs/adapters/jgz.md has the mapping.
/// </summary>
public sealed class JgzFhirAdapter : IAgencyAdapter
{
    public const string ContentType = "application/fhir+json";

    public string Name => "jgz";
    public string Format => "jgz-fhir";

    public InboundResult Read(ReadOnlyMemory<byte> body, string? contentType, AdapterContext context)
    {
        using var document = FhirBody.Parse(body, contentType, context.MaxBodyBytes, out var failure);
        if (document is null)
            return failure!;
        return InboundResult.Guarded(Name, () => new FhirMessageReader(context).Read(document.RootElement));
    }

    public OutboundDocument Render(AgencyMail mail)
    {
        Resource resource = mail.Kind switch
        {
            AgencyMailKinds.Handover => HandoverRenderer.Render(mail),
            AgencyMailKinds.Feedback => FeedbackRenderer.Render(mail),
            AgencyMailKinds.EscalationRaised or AgencyMailKinds.EscalationResolved => EscalationRenderer.Render(mail),
            _ => throw new ArgumentException($"mail kind '{mail.Kind}' cannot be rendered as FHIR", nameof(mail)),
        };
        return new OutboundDocument(ContentType, JsonSerializer.SerializeToUtf8Bytes(resource, FhirJson.Options));
    }
}
