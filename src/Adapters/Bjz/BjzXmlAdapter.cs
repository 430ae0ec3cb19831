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

    public InboundResult Read(ReadOnlyMemory<byte> body, string? contentType, AdapterContext context)
    {
        try
        {
            return BjzReader.Read(body, contentType, context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The contract is "never throw on bad input"; a bug here must still not take the endpoint down.
            return InboundResult.Invalid([new ValidationProblem("/", $"could not be read by the BJZ adapter ({e.GetType().Name}); please report this to the hub operators")]);
        }
    }

    public OutboundDocument Render(AgencyMail mail) => new("application/xml", BjzWriter.Render(mail));
}
