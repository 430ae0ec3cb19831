using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IntegrationHub.Bench;

/// <summary>
/// What the broker alone does on this machine: persistent 1 KiB messages published with confirms into
/// one durable classic queue while one consumer acks them. The hub's saga steps each need at least one
/// such publish and consume, so this is the ceiling the target ratio is measured against.
/// </summary>
static class BrokerBaseline
{
    public static async Task<double> RunAsync(int port, int count)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = port, UserName = "guest", Password = "guest" };
        await using var publishConnection = await factory.CreateConnectionAsync("bench-baseline-publisher");
        await using var consumeConnection = await factory.CreateConnectionAsync("bench-baseline-consumer");
        // Tracked confirms: each BasicPublishAsync completes when the broker confirmed it; 256 may be outstanding.
        await using var publisher = await publishConnection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: new ThrottlingRateLimiter(256)));
        await using var consumer = await consumeConnection.CreateChannelAsync();

        var queue = "bench.baseline." + Guid.NewGuid().ToString("N")[..8];
        await publisher.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "classic" });
        await consumer.BasicQosAsync(0, 200, false);

        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new AsyncEventingBasicConsumer(consumer);
        handler.ReceivedAsync += async (_, delivery) =>
        {
            await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref received) == count)
                done.TrySetResult();
        };
        await consumer.BasicConsumeAsync(queue, autoAck: false, handler);

        var body = new byte[1024];
        Random.Shared.NextBytes(body);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/octet-stream" };
        var watch = Stopwatch.StartNew();
        var batch = new List<ValueTask>(100);
        for (var i = 0; i < count; i++)
        {
            batch.Add(publisher.BasicPublishAsync("", queue, mandatory: false, properties, body));
            if (batch.Count == 100 || i == count - 1)
            {
                foreach (var pending in batch)
                    await pending;
                batch.Clear();
            }
        }
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = watch.Elapsed;
        await publisher.QueueDeleteAsync(queue);
        return count / elapsed.TotalSeconds;
    }
}
