using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Delivery.QueueTypes;
using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Declares every agency's exchanges and queues on the broker at start-up, before any mail exists, so an
/// agency system can connect and wait on its queue from the first minute (names: <see cref="AgencyQueues"/>).
/// Mail: the postman publishes to the fanout exchange <c>hub.mail.{id}</c>, bound to the agency's queue
/// <c>agency.{id}.mail</c> and to the hub's egress journal (<see cref="EgressJournal"/>). Inbound: the
/// agency publishes to the fanout exchange <c>agency.{id}.inbound</c>, bound to <c>hub.inbound.{id}</c>;
/// refusals go to <c>agency.{id}.inbound.error</c> (docs/topology.md). The three queues are quorum queues unless
/// Hub:RabbitMq:QuorumQueues is false; a broker holding them as another type stops the start (<see cref="QueueTypeMismatchException"/>).
/// </summary>
public sealed class AgencyTopology(HubOptions options, AgencyDirectory directory, ILogger<AgencyTopology> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.UsesRabbitMq)
            return;
        var kind = QueueKind.Of(options.RabbitMq.QuorumQueues);
        await using var connection = await RabbitMqConnections.ConnectAsync(options, "integrationhub-topology", cancellationToken);
        await using var queues = new QueueDeclarer(connection, kind);
        await EgressJournal.DeclareAsync(await queues.ChannelAsync(cancellationToken), cancellationToken);
        foreach (var agency in directory.Agencies)
        {
            var mail = AgencyQueues.MailExchange(agency.Id);
            var mailbox = AgencyQueues.MailQueue(agency.Id);
            await (await queues.ChannelAsync(cancellationToken)).ExchangeDeclareAsync(mail, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            if (await queues.DeclareAsync(mailbox, cancellationToken))
                await (await queues.ChannelAsync(cancellationToken)).QueueBindAsync(mailbox, mail, "", cancellationToken: cancellationToken);
            await EgressJournal.BindAsync(await queues.ChannelAsync(cancellationToken), mail, cancellationToken);
            // Agencies publish their own format to an exchange of their own: write permission on it (and not on
            // the default exchange, which reaches every queue) is what makes the queue behind it a proof of identity.
            var inbound = AgencyQueues.InboundExchange(agency.Id);
            var inboundQueue = AgencyQueues.InboundQueue(agency.Id);
            await (await queues.ChannelAsync(cancellationToken)).ExchangeDeclareAsync(inbound, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            if (await queues.DeclareAsync(inboundQueue, cancellationToken))
                await (await queues.ChannelAsync(cancellationToken)).QueueBindAsync(inboundQueue, inbound, "", cancellationToken: cancellationToken);
            await queues.DeclareAsync(AgencyQueues.InboundError(agency.Id), cancellationToken);
        }
        // Every queue was tried, so the message names all that need migrating, not only the first.
        if (queues.OtherType.Count > 0)
            throw new QueueTypeMismatchException(queues.OtherType, kind);
        logger.LogInformation("Declared the {Kind} queues of {Count} agencies on {Nodes}", kind, directory.Agencies.Count,
            options.RabbitMq.Hosts.Count > 0 ? $"a cluster of {options.RabbitMq.Hosts.Count} nodes" : "the broker");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
