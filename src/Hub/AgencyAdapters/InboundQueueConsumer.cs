using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>
/// Reads every agency's inbound queue (hub.inbound.{id}, fed by the agency's exchange agency.{id}.inbound) as raw
/// bytes in the agency's own format. The queue is the sender's identity. A message is acknowledged only once the
/// intake committed it, or once its refusal is on record (.error queue, reject store, delivery log); when the
/// hub cannot take it (database down) it goes back on the queue after a short wait.
/// </summary>
public sealed class InboundQueueConsumer(
    HubOptions options, AgencyDirectory directory, AdapterCatalog catalog, AdapterIngress ingress, ILogger<InboundQueueConsumer> logger)
    : IHostedService, IAsyncDisposable
{
    readonly CancellationTokenSource _stopping = new();
    readonly List<IChannel> _channels = [];
    IConnection? _connection;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.UsesRabbitMq)
            return;
        _connection = await RabbitMqConnections.Factory(options, "integrationhub-inbound").CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var agency in directory.Agencies)
        {
            // One channel per agency: one agency's slow or failing messages do not hold up the others.
            var channel = await _connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
            await channel.BasicQosAsync(0, options.Inbound.PrefetchCount, global: false, cancellationToken).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            var current = agency;
            consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, current, delivery);
            await channel.BasicConsumeAsync(AgencyQueues.InboundQueue(agency.Id), autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
            _channels.Add(channel);
        }
        logger.LogInformation("Consuming the inbound queues of {Count} agencies", directory.Agencies.Count);
    }

    async Task HandleAsync(IChannel channel, Agency agency, BasicDeliverEventArgs delivery)
    {
        // The body's memory belongs to the client library only for the duration of this call.
        var body = delivery.Body.ToArray();
        var contentType = delivery.BasicProperties.ContentType;
        var queue = AgencyQueues.InboundQueue(agency.Id);
        var token = _stopping.Token;
        try
        {
            var adapter = catalog.ByFormat(agency.Delivery.Format);
            IReadOnlyList<ValidationProblem>? refusal;
            if (adapter is null && !string.Equals(agency.Delivery.Format, AdapterCatalog.CanonicalFormat, StringComparison.OrdinalIgnoreCase))
                refusal = [new ValidationProblem("/", $"agency {agency.Id} has format '{agency.Delivery.Format}', which no adapter reads")];
            else
                refusal = await ingress.HandleAsync(adapter, "amqp:" + queue, Caller.ForAgency(agency.Id), body, contentType, token).ConfigureAwait(false) switch
                {
                    IngressResult.Refused r => r.Problems,
                    IngressResult.Forbidden f => f.Problems,
                    IngressResult.Submitted { Failure: { } failure } => [new ValidationProblem("/", AdapterIngress.Reason(failure))],
                    _ => null,
                };
            if (refusal is not null)
                await PublishRejectAsync(channel, agency.Id, body, contentType, delivery.BasicProperties.MessageId, refusal, token).ConfigureAwait(false);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutting down: unacknowledged messages return to the queue when the channel closes.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Inbound message on {Queue} not taken; requeued in {Delay}", queue, options.Inbound.RetryDelay);
            try
            {
                await Task.Delay(options.Inbound.RetryDelay, token).ConfigureAwait(false);
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
        }
    }

    static async Task PublishRejectAsync(IChannel channel, string agencyId, byte[] body, string? contentType, string? messageId,
        IReadOnlyList<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = contentType,
            MessageId = messageId,
            Headers = new Dictionary<string, object?>
            {
                ["x-reject-reason"] = JsonSerializer.Serialize(problems.Select(p => new { path = p.Path, reason = p.Reason })),
                ["x-original-content-type"] = contentType ?? "",
            },
        };
        await channel.BasicPublishAsync("", AgencyQueues.InboundError(agencyId), mandatory: true, properties, body, cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var channel in _channels)
            await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
            await channel.DisposeAsync().ConfigureAwait(false);
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
