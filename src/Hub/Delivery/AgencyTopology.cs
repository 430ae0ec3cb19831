using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Declares every agency's queues on the broker at start-up (its mail queue, its inbound queue and that
/// queue's .error), before any mail exists, so an agency system can connect and wait on its queue from
/// the first minute. Each queue is fed only by a durable fanout exchange of the same name: the postman
/// publishes to <c>agency.{id}</c>, the agency to <c>agency.{id}.inbound</c> (docs/topology.md). Every
/// <c>agency.{id}</c> exchange also feeds the hub's egress journal (<see cref="EgressJournal"/>).
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
            var name = AgencyQueues.Outbound(agency.Id);
            await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(name, name, "", cancellationToken: cancellationToken);
            await EgressJournal.BindAsync(channel, name, cancellationToken);
            // Agencies publish their own format to an exchange of their own: write permission on it (and not on
            // the default exchange, which reaches every queue) is what makes the queue a proof of identity.
            var inbound = AgencyQueues.Inbound(agency.Id);
            await channel.ExchangeDeclareAsync(inbound, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(inbound, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(inbound, inbound, "", cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(AgencyQueues.InboundError(agency.Id), durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        }
        logger.LogInformation("Declared the queues of {Count} agencies on {Host}:{Port}", directory.Agencies.Count, factory.HostName, factory.Port);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
