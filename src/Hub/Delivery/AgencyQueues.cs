namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Names on the broker: the one place that spells them (docs/topology.md says who may read and write which).
/// What the hub writes and reads starts with <c>hub.</c>, what an agency reads or writes starts with
/// <c>agency.{id}.</c>, and no exchange shares its name with a queue: RabbitMQ's permissions match names,
/// not kinds, so a shared name would let a permission meant for one also open the other (an agency
/// allowed to read its mail queue could then bind to the mail exchange of the same name).
/// </summary>
public static class AgencyQueues
{
    /// <summary>Fanout exchange the postman publishes the agency's mail to; bound to <see cref="MailQueue"/> and the egress journal. Hub only.</summary>
    public static string MailExchange(string agencyId) => $"hub.mail.{agencyId}";

    /// <summary>The agency's mail (brievenbus): read by the agency only.</summary>
    public static string MailQueue(string agencyId) => $"agency.{agencyId}.mail";

    /// <summary>Fanout exchange the agency publishes its own messages to: the only thing it may write.</summary>
    public static string InboundExchange(string agencyId) => $"agency.{agencyId}.inbound";

    /// <summary>The queue behind <see cref="InboundExchange"/>, read by the hub only (InboundQueueConsumer). It is the sender's identity.</summary>
    public static string InboundQueue(string agencyId) => $"hub.inbound.{agencyId}";

    /// <summary>Refused inbound messages with their reason (x-reject-reason) and original bytes; published by the hub through the default exchange, read by the agency.</summary>
    public static string InboundError(string agencyId) => $"agency.{agencyId}.inbound.error";
}
