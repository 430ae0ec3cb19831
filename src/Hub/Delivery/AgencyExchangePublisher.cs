using System.Collections.Concurrent;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Publishes rendered mail as raw bytes in the agency's own format to its mail exchange <c>hub.mail.{id}</c>, which
/// routes it to the agency's queue <c>agency.{id}.mail</c> and the egress journal, persistent and with publisher
/// confirms: the call returns only once the broker has it.
/// A channel is not safe for concurrent publishing, and waiting for each confirm in turn would make one
/// channel the hub's bottleneck, so a small pool of channels publishes side by side.
/// </summary>
public sealed class AgencyExchangePublisher(HubOptions options, ILogger<AgencyExchangePublisher> logger) : IAgencyDrop, IAsyncDisposable
{
    const int Channels = 8;

    readonly SemaphoreSlim _slots = new(Channels, Channels);
    readonly ConcurrentBag<IChannel> _idle = [];
    readonly LazyRabbitMqConnection _connection = new(options, "integrationhub-postman");

    /// <summary>The agency's queue, where it picks the mail up (the delivery log names it).</summary>
    public string Destination(string agencyId) => AgencyQueues.MailQueue(agencyId);

    public bool InDatabase => false;

    /// <summary>Opens the postman's connection if need be: whether mail can leave now.</summary>
    public async Task<bool> IsConnectedAsync(CancellationToken cancellationToken) =>
        (await _connection.GetAsync(cancellationToken).ConfigureAwait(false)).IsOpen;

    public Task DropWithMarkAsync(Persistence.WriteScope scope, AgencyMail mail, OutboundDocument document) =>
        throw new NotSupportedException("mail to the broker is dropped before the mark (DropAsync)");

    public async Task DropAsync(AgencyMail mail, OutboundDocument document, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            ContentType = document.ContentType,
            Persistent = true,
            MessageId = mail.MailId.ToString(),
            Timestamp = new AmqpTimestamp(mail.At.ToUnixTimeSeconds()),
            Headers = new Dictionary<string, object?>
            {
                [MailHeaders.Kind] = mail.Kind,
                [MailHeaders.HandoverId] = mail.HandoverId.ToString(),
            },
        };
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        IChannel? channel = null;
        try
        {
            channel = await RentAsync(cancellationToken).ConfigureAwait(false);
            // mandatory: a missing binding is an error the outbox retries, not mail silently dropped.
            await channel.BasicPublishAsync(AgencyQueues.MailExchange(mail.To), "", mandatory: true, properties, document.Body, cancellationToken).ConfigureAwait(false);
            _idle.Add(channel);
            channel = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Publishing mail {MailId} to {Exchange} failed ({Error}); the channel is replaced", mail.MailId, AgencyQueues.MailExchange(mail.To), e.Message);
            if (options.RabbitMq.Hosts.Count > 1)
                throw new UncertainDropException(mail.MailId, e);
            throw;
        }
        finally
        {
            if (channel is not null)
                await CloseAsync(channel).ConfigureAwait(false);
            _slots.Release();
        }
    }

    async Task<IChannel> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var idle))
        {
            if (idle.IsOpen)
                return idle;
            await CloseAsync(idle).ConfigureAwait(false);
        }
        var connection = await _connection.GetAsync(cancellationToken).ConfigureAwait(false);
        return await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
    }

    async Task CloseAsync(IChannel channel)
    {
        try
        {
            await channel.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Closing a failed postman channel");
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var channel))
            await CloseAsync(channel).ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _slots.Dispose();
    }
}
