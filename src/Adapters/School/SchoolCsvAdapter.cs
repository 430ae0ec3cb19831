using IntegrationHub.Adapters.School.Inbound;
using IntegrationHub.Adapters.School.Outbound;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Adapters.School;

/// <summary>
/// School administrations (leerlingadministratie): ZAT referrals and truancy reports in as
/// ';'-separated CSV, feedback, escalation notices, the hub's notices and retours, and handovers out as
/// CSV for the care coordinator (zorgcoördinator). The layouts are documented in docs/adapters/school.md.
/// </summary>
public sealed class SchoolCsvAdapter : IAgencyAdapter
{
    public string Name => "school";

    public string Format => "school-csv";

    public InboundResult Read(ReadOnlyMemory<byte> body, string? contentType, AdapterContext context) =>
        InboundResult.Guarded(Name, () => SchoolInbound.Read(body, context));

    public OutboundDocument Render(AgencyMail mail) => mail.Kind switch
    {
        AgencyMailKinds.Handover => HandoverRow.Render(mail),
        AgencyMailKinds.Feedback => FeedbackRow.Feedback(mail),
        AgencyMailKinds.EscalationRaised => FeedbackRow.Escalation(mail, resolved: false),
        AgencyMailKinds.EscalationResolved => FeedbackRow.Escalation(mail, resolved: true),
        AgencyMailKinds.Notice => FeedbackRow.Notice(mail),
        AgencyMailKinds.Retour => FeedbackRow.Retour(mail),
        AgencyMailKinds.Match => ChainRows.Match(mail),
        _ => throw new NotSupportedException($"mail kind '{mail.Kind}' has no school-csv rendering"),
    };
}
