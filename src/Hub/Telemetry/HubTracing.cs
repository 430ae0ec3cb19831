using System.Diagnostics;

namespace IntegrationHub.Hub.Telemetry;

/// <summary>
/// The hub's own activities (spans): an intake, a saga step, the postman's delivery, a deadline batch. Their tags
/// are ids and names of organisations and steps (handover id, mail id, agency ids, step, outcome), never a BSN,
/// name, birth date, address or a document's text: traces leave the hub for whatever collector is configured.
/// Without a listener (no OTLP endpoint) starting one costs a null check.
/// </summary>
public static class HubTracing
{
    public const string SourceName = "IntegrationHub";

    public static readonly ActivitySource Source = new(SourceName, typeof(HubTracing).Assembly.GetName().Version?.ToString());

    public const string HandoverId = "integrationhub.handover.id";
    public const string MailId = "integrationhub.mail.id";
    public const string Agency = "integrationhub.agency";
    public const string Sender = "integrationhub.sender";
    public const string Receiver = "integrationhub.receiver";
    public const string Step = "integrationhub.step";
    public const string Outcome = "integrationhub.outcome";
    public const string Channel = "integrationhub.channel";
    public const string Count = "integrationhub.count";

    public static Activity? Start(string name, ActivityKind kind = ActivityKind.Internal) => Source.StartActivity(name, kind);
}
