using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery.QueueTypes;

/// <summary>
/// Declares queues of one type on a connection and notes each one the broker holds as another type, instead of
/// stopping at the first: a refused declaration closes its channel, so the next one gets a new channel.
/// </summary>
public sealed class QueueDeclarer(IConnection connection, string kind) : IAsyncDisposable
{
    readonly List<string> _otherType = [];
    IChannel? _channel;

    /// <summary>Queues that exist as another type than <c>kind</c>.</summary>
    public IReadOnlyList<string> OtherType => _otherType;

    public async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
            return _channel;
        if (_channel is not null)
            await _channel.DisposeAsync().ConfigureAwait(false);
        _channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return _channel;
    }

    /// <returns>false when the queue exists as another type (it is left as it is).</returns>
    public async Task<bool> DeclareAsync(string queue, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, QueueKind.Arguments(kind),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (QueueKind.IsInequivalent(e))
        {
            _otherType.Add(queue);
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
            await _channel.DisposeAsync().ConfigureAwait(false);
    }
}
