using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// One named RabbitMQ.Client connection, opened on first use and opened again if it was closed for good
/// (automatic recovery covers the rest). Shared by the postman and the journal reader.
/// </summary>
public sealed class LazyRabbitMqConnection(HubOptions options, string name) : IAsyncDisposable
{
    readonly SemaphoreSlim _connecting = new(1, 1);
    IConnection? _connection;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { IsOpen: true })
                return _connection;
            if (_connection is not null)
                await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = await RabbitMqConnections.ConnectAsync(options, name, cancellationToken).ConfigureAwait(false);
            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
        _connecting.Dispose();
    }
}
