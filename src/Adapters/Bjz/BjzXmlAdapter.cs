using IntegrationHub.Adapters.Bjz.Inbound;
using IntegrationHub.Adapters.Bjz.Outbound;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Bjz;

/// <summary>
/// Bureau Jeugdzorg speaks XML valid against bjz.xsd (docs/adapters/bjz.xsd, embedded here).
/// Inbound: &lt;Overdracht&gt; (handover) and &lt;Terugkoppeling&gt; (feedback). Outbound: handovers,
/// feedback and escalation notices (&lt;Escalatie&gt;) addressed to BJZ.
/// </summary>
public sealed class BjzXmlAdapter : IAgencyAdapter
{
    public string Name => "bjz";

    public string Format => "bjz-xml";

    public InboundResult Read(ReadOnlyMemory<byte> body, string? contentType, AdapterContext context) =>
        InboundResult.Guarded(Name, () => BjzReader.Read(body, contentType, context));

    public OutboundDocument Render(AgencyMail mail) => new("application/xml", BjzWriter.Render(mail));
}
