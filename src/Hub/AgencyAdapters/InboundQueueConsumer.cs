using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Http;
using IntegrationHub.Hub.Rejects;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>
/// Reads every agency's inbound queue (hub.inbound.{id}, fed by the agency's exchange agency.{id}.inbound) as raw
/// bytes in the agency's own format. The queue is the sender's identity. A message is acknowledged only once the
/// intake committed it, or once its refusal is on record (.error queue, reject store, delivery log).
/// <para>
/// Nothing blocks a queue for good: a message the hub cannot process for a reason that will not go away
/// (anything but the database or the broker being unreachable) is refused to .inbound.error at once;
/// one it cannot take because the database is unreachable goes back on the queue after a short wait, and
/// after <see cref="InboundOptions.MaxAttempts"/> tries (<see cref="InboundAttempts"/>) is refused too.
/// </para>
/// </summary>
public sealed class InboundQueueConsumer(
    HubOptions options, AgencyDirectory directory, AdapterCatalog catalog, AdapterIngress ingress, RejectStore rejects, Retour.Retours retours,
    ILogger<InboundQueueConsumer> logger)
    : IHostedService, IAsyncDisposable
{
    readonly CancellationTokenSource _stopping = new();
    readonly List<IChannel> _channels = [];
    readonly InboundAttempts _attempts = new();
    IConnection? _connection;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.UsesRabbitMq)
            return;
        _connection = await RabbitMqConnections.ConnectAsync(options, "integrationhub-inbound", cancellationToken).ConfigureAwait(false);
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
        var attemptKey = InboundAttempts.Key(queue, body);
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
                    IngressResult.Submitted { Failure: IntakeResult.Invalid invalid } => invalid.Problems,
                    IngressResult.Submitted { Failure: IntakeResult.Forbidden forbidden } => [new ValidationProblem(forbidden.Path, forbidden.Reason)],
                    IngressResult.Submitted { Failure: { } failure } => [new ValidationProblem("/", AdapterIngress.Reason(failure))],
                    _ => null,
                };
            if (refusal is not null)
                await PublishRejectAsync(channel, agency.Id, body, contentType, delivery.BasicProperties.MessageId, refusal, token).ConfigureAwait(false);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, token).ConfigureAwait(false);
            _attempts.Forget(attemptKey);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Shutting down: unacknowledged messages return to the queue when the channel closes.
        }
        catch (Exception e)
        {
            await NotTakenAsync(channel, agency, delivery, body, attemptKey, e, token).ConfigureAwait(false);
        }
    }

    /// <summary>The message was neither accepted nor refused: refuse it now, or put it back for another try.</summary>
    async Task NotTakenAsync(IChannel channel, Agency agency, BasicDeliverEventArgs delivery, byte[] body, string attemptKey, Exception e, CancellationToken token)
    {
        var queue = AgencyQueues.InboundQueue(agency.Id);
        var contentType = delivery.BasicProperties.ContentType;
        try
        {
            if (!IsTransient(e))
            {
                // The exception's text may quote the message; the log and the reason name only its type.
                logger.LogError("Inbound message on {Queue} failed with {Exception} at {StackTrace}; refused to the error queue",
                    queue, e.GetType().Name, e.StackTrace);
                var problem = new ValidationProblem("/", $"the hub could not process this message ({e.GetType().Name}) and did not accept it; " +
                                                          "the hub's operators have it in their rejects list");
                await RecordAsync(queue, agency.Id, contentType, problem, body, token).ConfigureAwait(false);
                await RefuseAsync(channel, agency.Id, delivery, body, attemptKey, problem, token).ConfigureAwait(false);
                return;
            }
            var attempts = _attempts.Failed(attemptKey, delivery.Redelivered);
            if (attempts >= options.Inbound.MaxAttempts)
            {
                logger.LogError("Inbound message on {Queue} not taken after {Attempts} attempts ({Exception}); refused to the error queue",
                    queue, attempts, e.GetType().Name);
                var problem = new ValidationProblem("/", $"the hub could not store this message in {attempts} attempts (its database was unavailable) " +
                                                          "and did not accept it; send it again");
                // The rejects list cannot take it (the database is what failed): counted here instead.
                Telemetry.HubMetrics.Refused("amqp", agency.Id);
                await RefuseAsync(channel, agency.Id, delivery, body, attemptKey, problem, token).ConfigureAwait(false);
                return;
            }
            logger.LogWarning("Inbound message on {Queue} not taken ({Exception}, attempt {Attempt} of {MaxAttempts}); requeued in {Delay}",
                queue, e.GetType().Name, attempts, options.Inbound.MaxAttempts, options.Inbound.RetryDelay);
            await Task.Delay(options.Inbound.RetryDelay, token).ConfigureAwait(false);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception failure)
        {
            // The broker itself is gone: the unacknowledged message returns to its queue with the channel.
            logger.LogError("Inbound message on {Queue} could be neither refused nor requeued ({Exception}); the broker redelivers it", queue, failure.GetType().Name);
        }
    }

    /// <summary>The database or the broker unreachable: worth another try. Anything else will fail the same way again.</summary>
    static bool IsTransient(Exception e) =>
        Unavailable.IsDatabase(e) || Unavailable.Causes(e).Any(c => c is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException);

    async Task RefuseAsync(IChannel channel, string agencyId, BasicDeliverEventArgs delivery, byte[] body, string attemptKey, ValidationProblem problem, CancellationToken token)
    {
        // The agency hears it in its own queue too (9001), best effort: the database may be what failed.
        await retours.TryAnswerAsync(new Retour.InboundOrigin(agencyId, delivery.BasicProperties.MessageId), Retour.Retours.BodyKey(body),
            Retour.RetourAnswers.Refused(Retour.Retours.BodyMessageId(body), null, [Contracts.Messages.RetourCodes.NotTaken]), token).ConfigureAwait(false);
        await PublishRejectAsync(channel, agencyId, body, delivery.BasicProperties.ContentType, delivery.BasicProperties.MessageId, [problem], token).ConfigureAwait(false);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, token).ConfigureAwait(false);
        _attempts.Forget(attemptKey);
    }

    /// <summary>Operators see the refusal too; when even that cannot be written the error queue still has it.</summary>
    async Task RecordAsync(string queue, string agencyId, string? contentType, ValidationProblem problem, byte[] body, CancellationToken token)
    {
        try
        {
            await rejects.AddAsync("amqp:" + queue, agencyId, contentType, [problem], body, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The refusal of an inbound message on {Queue} could not be stored ({Exception})", queue, e.GetType().Name);
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
