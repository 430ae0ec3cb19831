using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Where rendered mail is put for the agency to pick up (its brievenbus): the agency's mail queue on RabbitMQ
/// (through the hub's mail exchange; durable once the broker confirms), or the agency_mailbox table on the
/// embedded transport (written in the transaction that marks the mail sent).
/// </summary>
public interface IAgencyDrop
{
    /// <summary>Names the place for the delivery log, e.g. <c>agency.bjz-noord-brabant.mail</c>.</summary>
    string Destination(string agencyId);

    /// <summary>True: the drop is a table of the hub's own database, written by <see cref="DropWithMarkAsync"/>.</summary>
    bool InDatabase { get; }

    /// <summary>A drop outside the database: returns once the mail is durable there.</summary>
    Task DropAsync(AgencyMail mail, OutboundDocument document, CancellationToken cancellationToken);

    /// <summary>A drop in the database, inside the unit that marks the outbox row sent.</summary>
    Task DropWithMarkAsync(Persistence.WriteScope scope, AgencyMail mail, OutboundDocument document);
}

/// <summary>Header names on mail the hub publishes (AMQP headers and webhook headers say the same).</summary>
public static class MailHeaders
{
    public const string Kind = "x-hub-kind";
    public const string HandoverId = "x-hub-handover-id";
    public const string WebhookMailId = "X-Hub-Mail-Id";
    public const string WebhookKind = "X-Hub-Kind";
    /// <summary>Unix seconds when this attempt was signed (<see cref="WebhookSignature"/>).</summary>
    public const string WebhookTimestamp = "X-Hub-Timestamp";
    public const string WebhookSignature = "X-Hub-Signature-256";
}
