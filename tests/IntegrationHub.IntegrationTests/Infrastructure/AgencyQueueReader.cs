using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>Reads agency queues straight from the broker with RabbitMQ.Client, as an agency system would.</summary>
public sealed class AgencyQueueReader : IAsyncDisposable
{
    readonly IConnection _connection;
    readonly IChannel _channel;

    AgencyQueueReader(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<AgencyQueueReader> ConnectAsync(RabbitMqNode node)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = node.AmqpPort, UserName = "guest", Password = "guest" };
        var connection = await factory.CreateConnectionAsync();
        return new AgencyQueueReader(connection, await connection.CreateChannelAsync());
    }

    public IChannel Channel => _channel;

    /// <summary>Messages waiting in a queue; 0 when the queue does not exist.</summary>
    public async Task<uint> DepthAsync(string queue)
    {
        // A passive declare of a missing queue closes its channel, so each check gets its own.
        await using var probe = await _connection.CreateChannelAsync();
        try
        {
            return (await probe.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>Takes every message now in the queue (acknowledged), as the parsed MassTransit envelopes' "message" parts.</summary>
    public async Task<List<JsonObject>> DrainAsync(string queue)
    {
        var messages = new List<JsonObject>();
        if (await DepthAsync(queue) == 0)
            return messages;
        while (await _channel.BasicGetAsync(queue, autoAck: true) is { } result)
        {
            var envelope = JsonNode.Parse(Encoding.UTF8.GetString(result.Body.Span))!.AsObject();
            var message = envelope["message"]!.AsObject();
            message["_envelopeMessageId"] = envelope["messageId"]?.GetValue<string>();
            messages.Add(message);
        }
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
