using IntegrationHub.Contracts.Agencies;

namespace IntegrationHub.Hub.Delivery.QueueTypes;

/// <summary>
/// The queues whose type follows <c>Hub:RabbitMq:QuorumQueues</c>: every agency's mail, inbound and error queue,
/// each with the exchange that feeds it (none for the error queue, which the hub fills through the default
/// exchange). The egress journal is a stream whatever the setting.
/// </summary>
public sealed record TypedQueue(string Name, string? BoundTo);

public static class AgencyQueueSet
{
    public static IReadOnlyList<TypedQueue> Of(AgencyDirectory directory) =>
        directory.Agencies.SelectMany(a => new[]
        {
            new TypedQueue(AgencyQueues.MailQueue(a.Id), AgencyQueues.MailExchange(a.Id)),
            new TypedQueue(AgencyQueues.InboundQueue(a.Id), AgencyQueues.InboundExchange(a.Id)),
            new TypedQueue(AgencyQueues.InboundError(a.Id), null),
        }).ToList();
}
