using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// The egress journal: one stream bound to every agency's mail exchange (<c>hub.mail.{id}</c>). The exchanges
/// are fanout, so a single publish is routed to the agency queue and the journal together: a mail is in the journal exactly when
/// it reached its agency queue. Agency queues cannot be searched (and the agency may already have taken
/// the mail), the journal can: after a crash it tells the outbox which mail must not be published again.
/// Hub-only; it holds rendered mail bodies for <see cref="MaxAge"/> (docs/topology.md).
/// </summary>
public static class EgressJournal
{
    public const string Queue = "hub.egress.journal";

    /// <summary>Reaches the journal only: the end marker of a journal read must not reach any agency.</summary>
    public const string MarkerExchange = "hub.egress.journal.marker";

    /// <summary>Retention by age: covers any hub outage the outbox could still resend after.</summary>
    public const string MaxAge = "7D";

    /// <summary>Retention by size, so a burst cannot fill the broker's disk; 20 GB is months of this hub's mail.</summary>
    public const long MaxLengthBytes = 20_000_000_000;

    /// <summary>Retention drops whole segments; smaller ones than the default 500 MB keep it close to the bounds.</summary>
    const long SegmentBytes = 100_000_000;

    /// <summary>Declares the stream and its marker exchange. The arguments must not change once declared:
    /// the broker refuses a redeclaration with others (a policy changes retention, docs/topology.md).</summary>
    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-queue-type"] = "stream",
            ["x-max-age"] = MaxAge,
            ["x-max-length-bytes"] = MaxLengthBytes,
            ["x-stream-max-segment-size-bytes"] = SegmentBytes,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(MarkerExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(Queue, MarkerExchange, "", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public static Task BindAsync(IChannel channel, string mailExchange, CancellationToken cancellationToken) =>
        channel.QueueBindAsync(Queue, mailExchange, "", cancellationToken: cancellationToken);
}
