using System.Collections.Concurrent;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// Answers "which of these mails already reached their agency queue?" from the egress journal. It appends
/// a marker to the journal (confirmed), then reads the stream from a point in time up to that marker: the
/// stream is one ordered log, so every mail the broker had taken before the marker was written is read.
/// </summary>
public sealed class EgressJournalReader(HubOptions options, ILogger<EgressJournalReader> logger) : IAsyncDisposable
{
    /// <summary>Unacknowledged deliveries in flight; a stream consumer over AMQP 0.9.1 must set one.</summary>
    const ushort Prefetch = 500;

    readonly LazyRabbitMqConnection _connection = new(options, "integrationhub-journal");

    /// <summary>A read that gets nothing for this long is given up (the rows it was for are retried later). A read
    /// that keeps receiving is not cut off: a long outage means a long stretch of journal to read.</summary>
    static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(30);

    /// <returns>The mail ids found, each with the SHA-256 of the body the agency queue got.</returns>
    /// <param name="since">Read from here (broker time, whole seconds); the broker may start a little earlier.</param>
    public async Task<IReadOnlyDictionary<Guid, string>> FindAsync(IReadOnlySet<Guid> mailIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var connection = await _connection.GetAsync(cancellationToken).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
        var marker = "hub-journal-marker:" + Guid.NewGuid();
        // Confirmed before reading: once the broker has the marker, everything it took earlier is ahead of it.
        await channel.BasicPublishAsync(EgressJournal.MarkerExchange, "", mandatory: true, new BasicProperties { MessageId = marker, Persistent = true },
            ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);

        var found = new ConcurrentDictionary<Guid, string>();
        var read = 0;
        var lastDelivery = Environment.TickCount64;
        var reachedMarker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A broker or connection failure mid-read fails the read at once instead of after a stall.
        channel.ChannelShutdownAsync += (_, e) =>
        {
            reachedMarker.TrySetException(new IOException($"the egress journal read was cut off: {e.ReplyText}"));
            return Task.CompletedTask;
        };
        await channel.BasicQosAsync(0, Prefetch, global: false, cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            Interlocked.Increment(ref read);
            Volatile.Write(ref lastDelivery, Environment.TickCount64);
            var id = delivery.BasicProperties.MessageId;
            if (id == marker)
                reachedMarker.TrySetResult();
            else if (Guid.TryParse(id, out var mailId) && mailIds.Contains(mailId))
                found[mailId] = PayloadHash.OfBytes(delivery.Body.Span);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
        };
        var arguments = new Dictionary<string, object?> { ["x-stream-offset"] = new AmqpTimestamp(since.ToUnixTimeSeconds()) };
        var tag = await channel.BasicConsumeAsync(EgressJournal.Queue, autoAck: false, consumerTag: "", noLocal: false, exclusive: false,
            arguments, consumer, cancellationToken).ConfigureAwait(false);
        while (!reachedMarker.Task.IsCompleted)
        {
            await Task.WhenAny(reachedMarker.Task, Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!reachedMarker.Task.IsCompleted && Environment.TickCount64 - Volatile.Read(ref lastDelivery) > StallTimeout.TotalMilliseconds)
                throw new TimeoutException($"the egress journal read stalled for {StallTimeout.TotalSeconds:0} s before its marker ({read} messages read since {since:O})");
        }
        await reachedMarker.Task.ConfigureAwait(false);
        await channel.BasicCancelAsync(tag, cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.LogDebug("Egress journal: read {Read} messages since {Since:O}; {Found} of {Asked} mails found", read, since, found.Count, mailIds.Count);
        return found;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
