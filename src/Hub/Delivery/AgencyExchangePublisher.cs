using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Publishes rendered mail as raw bytes to the agency's exchange <c>agency.{id}</c> (agencies do not speak
/// MassTransit), persistent and with publisher confirms: the call returns only once the broker has it.
/// One channel, reused; publishes are serialised because a channel is not safe for concurrent use.
/// </summary>
public sealed class AgencyExchangePublisher(HubOptions options, ILogger<AgencyExchangePublisher> logger) : IAgencyDrop, IAsyncDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    IConnection? _connection;
    IChannel? _channel;

    public string Destination(string agencyId) => AgencyQueues.Outbound(agencyId);

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
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
            // mandatory: a missing binding is an error the outbox retries, not mail silently dropped.
            await channel.BasicPublishAsync(Destination(mail.To), "", mandatory: true, properties, document.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Publishing mail {MailId} to {Exchange} failed ({Error}); a new channel is opened next time", mail.MailId, Destination(mail.To), e.Message);
            await ResetChannelAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
            return _channel;
        await ResetChannelAsync().ConfigureAwait(false);
        if (_connection is not { IsOpen: true })
        {
            if (_connection is not null)
                await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = await RabbitMqConnections.Factory(options, "integrationhub-postman").CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
        return _channel;
    }

    async Task ResetChannelAsync()
    {
        var channel = _channel;
        _channel = null;
        if (channel is null)
            return;
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
        await ResetChannelAsync().ConfigureAwait(false);
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
