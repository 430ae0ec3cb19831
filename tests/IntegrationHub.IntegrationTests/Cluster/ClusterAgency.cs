using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Infrastructure;
using RabbitMQ.Client;

namespace IntegrationHub.IntegrationTests.Cluster;

/// <summary>
/// An agency system on the cluster, as a careful one is written: it knows every node, recovers its connection on
/// another when one goes, publishes with confirms and publishes again until a confirm comes (the hub's intake is
/// idempotent on the message id, so a second copy of a message whose confirm was lost does no harm).
/// </summary>
sealed class ClusterAgency : IAsyncDisposable
{
    readonly IConnection _connection;
    readonly SemaphoreSlim _publishing = new(1, 1);
    IChannel? _channel;

    ClusterAgency(IConnection connection) => _connection = connection;

    /// <summary>Publishes that had to be tried again (a node went away under them).</summary>
    public int Retries;

    public static async Task<ClusterAgency> ConnectAsync(RabbitMqCluster cluster)
    {
        var factory = new ConnectionFactory
        {
            UserName = "guest", Password = "guest", AutomaticRecoveryEnabled = true, NetworkRecoveryInterval = TimeSpan.FromSeconds(1),
            ClientProvidedName = "cluster-test-agency",
        };
        var endpoints = cluster.Nodes.Select(n => new AmqpTcpEndpoint("127.0.0.1", n.AmqpPort)).ToList();
        return new ClusterAgency(await factory.CreateConnectionAsync(endpoints));
    }

    public async Task PublishUntilConfirmedAsync(string exchange, JsonObject message, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var properties = new BasicProperties
        {
            ContentType = "application/json", Persistent = true, MessageId = message["messageId"]!.GetValue<string>(),
        };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _publishing.WaitAsync(cancellationToken);
            try
            {
                _channel ??= await _connection.CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
                await _channel.BasicPublishAsync(exchange, "", mandatory: true, properties, body, cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref Retries);
                if (_channel is { IsOpen: false })
                {
                    try { await _channel.DisposeAsync(); } catch (Exception) { }
                    _channel = null;
                }
            }
            finally
            {
                _publishing.Release();
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
            await _channel.DisposeAsync();
        await _connection.DisposeAsync();
        _publishing.Dispose();
    }
}
