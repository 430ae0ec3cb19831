using IntegrationHub.Adapters.Veiligheidshuis.Inbound;
using IntegrationHub.Adapters.Veiligheidshuis.Outbound;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Adapters.Veiligheidshuis;

/// <summary>
/// The Veiligheidshuis case-meeting system: police care reports (zorgmelding) and case-meeting
/// outcomes (casusoverleg) in, handovers, feedback, escalation notices, the hub's notices and retours out, all as JSON in the
/// system's own Dutch shape (docs/adapters/veiligheidshuis.md).
/// </summary>
public sealed class VeiligheidshuisAdapter : IAgencyAdapter
{
    public string Name => "veiligheidshuis";

    public string Format => "veiligheidshuis-json";

    public InboundResult Read(ReadOnlyMemory<byte> body, string? contentType, AdapterContext context) =>
        InboundResult.Guarded(Name, () => VhhInbound.Read(body, context));

    public OutboundDocument Render(AgencyMail mail) => mail.Kind switch
    {
        AgencyMailKinds.Handover => VhhJson.Write(HandoverJson.Render(mail)),
        AgencyMailKinds.Feedback => VhhJson.Write(FeedbackJson.Render(mail)),
        AgencyMailKinds.EscalationRaised => VhhJson.Write(EscalationJson.Render(mail, resolved: false)),
        AgencyMailKinds.EscalationResolved => VhhJson.Write(EscalationJson.Render(mail, resolved: true)),
        AgencyMailKinds.Notice => VhhJson.Write(NoticeJson.Render(mail)),
        AgencyMailKinds.Retour => VhhJson.Write(RetourJson.Render(mail)),
        AgencyMailKinds.Match => VhhJson.Write(ChainJson.Match(mail)),
        _ => throw new NotSupportedException($"mail kind '{mail.Kind}' has no veiligheidshuis-json rendering"),
    };
}
