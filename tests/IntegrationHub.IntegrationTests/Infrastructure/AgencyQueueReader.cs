using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;

namespace IntegrationHub.IntegrationTests.Infrastructure;

/// <summary>
/// Reads agency queues straight from the broker with RabbitMQ.Client, as an agency system would. Retours (the hub's answer
/// to each message an agency sent, x-hub-kind retour) are set apart: the reads below return the other mail, and
/// <see cref="RetoursAsync"/> what was set apart (and what is still in the queue).
/// </summary>
public sealed class AgencyQueueReader : IAsyncDisposable
{
    readonly IConnection _connection;
    readonly IChannel _channel;
    readonly Dictionary<string, List<AgencyMessage>> _retours = new(StringComparer.Ordinal);

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

    /// <summary>Takes every message now in the queue (acknowledged), raw, as the agency receives it; retours are set apart.</summary>
    public async Task<List<AgencyMessage>> DrainAsync(string queue)
    {
        var messages = new List<AgencyMessage>();
        if (await DepthAsync(queue) == 0)
            return messages;
        while (await _channel.BasicGetAsync(queue, autoAck: true) is { } result)
        {
            var message = AgencyMessage.From(result.Body.ToArray(), result.BasicProperties);
            if (message.IsRetour)
                Stash(queue).Add(message);
            else
                messages.Add(message);
        }
        return messages;
    }

    List<AgencyMessage> Stash(string queue) => _retours.TryGetValue(queue, out var list) ? list : _retours[queue] = [];

    /// <summary>Waits until the queue has given at least <paramref name="count"/> messages other than retours, then takes them all.</summary>
    public async Task<List<AgencyMessage>> WaitForAsync(string queue, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var taken = new List<AgencyMessage>();
        while (true)
        {
            taken.AddRange(await DrainAsync(queue));
            if (taken.Count >= count)
                return taken;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"queue {queue} did not give {count} message(s) in time (got {taken.Count})");
            await Task.Delay(100);
        }
    }

    /// <summary>The retours taken from the queue so far and still in it, waiting until there are at least <paramref name="count"/>.</summary>
    public async Task<List<AgencyMessage>> RetoursAsync(string queue, int count = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var others = new List<AgencyMessage>();
        while (true)
        {
            others.AddRange(await DrainAsync(queue));
            if (Stash(queue).Count >= count || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(100);
        }
        if (Stash(queue).Count < count)
            throw new TimeoutException($"queue {queue} gave {Stash(queue).Count} retour(s), expected {count}");
        if (others.Count > 0)
            throw new InvalidOperationException($"queue {queue} held {others.Count} other message(s) while waiting for retours; read them first");
        return [.. Stash(queue)];
    }

    /// <summary>Mail other than retours now in the queue (taken, so call it last): what "no mail for this agency" checks.</summary>
    public async Task<int> MailDepthAsync(string queue) => (await DrainAsync(queue)).Count;

    readonly Dictionary<string, List<AgencyMessage>> _taken = [];

    /// <summary>
    /// Waits until the queue has delivered <paramref name="count"/> messages of one kind (header x-hub-kind) and returns
    /// them, oldest first; messages of other kinds taken meanwhile are kept for a later call (an agency's queue carries
    /// notices and matches between the feedback a test waits for).
    /// </summary>
    public async Task<List<AgencyMessage>> WaitForKindAsync(string queue, string kind, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        if (!_taken.TryGetValue(queue, out var taken))
            _taken[queue] = taken = [];
        while (true)
        {
            taken.AddRange(await DrainAsync(queue));
            var ofKind = taken.Where(m => m.Headers.GetValueOrDefault("x-hub-kind") == kind).ToList();
            if (ofKind.Count >= count)
            {
                var result = ofKind.Take(count).ToList();
                taken.RemoveAll(result.Contains);
                return result;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"queue {queue} did not deliver {count} message(s) of kind {kind} in time; it delivered {string.Join(", ", taken.Select(m => m.Headers.GetValueOrDefault("x-hub-kind")))}");
            await Task.Delay(100);
        }
    }

    /// <summary>Publishes an agency's own bytes to its inbound exchange (agency.{id}.inbound), as the agency system would.</summary>
    public async Task PublishAsync(string exchange, byte[] body, string contentType)
    {
        var properties = new BasicProperties { ContentType = contentType, Persistent = true, MessageId = Guid.NewGuid().ToString() };
        await _channel.BasicPublishAsync(exchange, "", mandatory: true, properties, body);
    }

    public async Task PurgeAsync(string queue)
    {
        await using var probe = await _connection.CreateChannelAsync();
        try
        {
            await probe.QueuePurgeAsync(queue);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}

/// <summary>One message as an agency system reads it off its queue: bytes, content type and the hub's headers.</summary>
public sealed record AgencyMessage(byte[] Body, string? ContentType, string? MessageId, IReadOnlyDictionary<string, string> Headers)
{
    public string Text => Encoding.UTF8.GetString(Body).TrimStart('\uFEFF');

    /// <summary>The body as JSON (canonical agencies).</summary>
    public JsonObject Json => JsonNode.Parse(Text)!.AsObject();

    /// <summary>The hub's answer to a message the agency sent (x-hub-kind retour).</summary>
    public bool IsRetour => Headers.TryGetValue("x-hub-kind", out var kind) && kind == "retour";

    public static AgencyMessage From(byte[] body, IReadOnlyBasicProperties properties) => new(
        body, properties.ContentType, properties.MessageId,
        (properties.Headers ?? new Dictionary<string, object?>()).ToDictionary(
            h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString() ?? ""));
}
