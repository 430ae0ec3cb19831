using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Declares every agency's exchanges and queues on the broker at start-up, before any mail exists, so an
/// agency system can connect and wait on its queue from the first minute (names: <see cref="AgencyQueues"/>).
/// Mail: the postman publishes to the fanout exchange <c>hub.mail.{id}</c>, bound to the agency's queue
/// <c>agency.{id}.mail</c> and to the hub's egress journal (<see cref="EgressJournal"/>). Inbound: the
/// agency publishes to the fanout exchange <c>agency.{id}.inbound</c>, bound to <c>hub.inbound.{id}</c>;
/// refusals go to <c>agency.{id}.inbound.error</c> (docs/topology.md).
/// </summary>
public sealed class AgencyTopology(HubOptions options, AgencyDirectory directory, ILogger<AgencyTopology> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.UsesRabbitMq)
            return;
        var factory = RabbitMqConnections.Factory(options, "integrationhub-topology");
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await EgressJournal.DeclareAsync(channel, cancellationToken);
        foreach (var agency in directory.Agencies)
        {
            var mail = AgencyQueues.MailExchange(agency.Id);
            var mailbox = AgencyQueues.MailQueue(agency.Id);
            await channel.ExchangeDeclareAsync(mail, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(mailbox, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(mailbox, mail, "", cancellationToken: cancellationToken);
            await EgressJournal.BindAsync(channel, mail, cancellationToken);
            // Agencies publish their own format to an exchange of their own: write permission on it (and not on
            // the default exchange, which reaches every queue) is what makes the queue behind it a proof of identity.
            var inbound = AgencyQueues.InboundExchange(agency.Id);
            var inboundQueue = AgencyQueues.InboundQueue(agency.Id);
            await channel.ExchangeDeclareAsync(inbound, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(inboundQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(inboundQueue, inbound, "", cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(AgencyQueues.InboundError(agency.Id), durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        }
        logger.LogInformation("Declared the queues of {Count} agencies on {Host}:{Port}", directory.Agencies.Count, factory.HostName, factory.Port);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
