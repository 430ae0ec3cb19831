using System.Security.Cryptography;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Hosting;
using RabbitMQ.Client;

namespace IntegrationHub.Hub.Delivery.QueueTypes;

/// <summary>
/// <c>broker migrate-queues</c>: turns the hub's agency queues that exist as the other type into queues of the
/// configured type (quorum, or classic), keeping every message, in order. RabbitMQ cannot change a queue's type,
/// so each queue <c>Q</c> is rebuilt through a holding queue <c>hub.migrating.Q</c> of the new type:
/// <list type="number">
/// <item>the holding queue is declared and bound to Q's exchange, then Q is unbound: what an agency publishes
/// meanwhile is kept (a message published in that instant may reach both; see below);</item>
/// <item>Q's messages move to the holding queue (each published with a confirm, then acknowledged on Q), Q is
/// deleted once empty and declared again as the new type, bound, and the holding queue unbound;</item>
/// <item>the holding queue's messages move back into Q, each message id (or, without one, body) once, and the
/// holding queue is deleted.</item>
/// </list>
/// Run with every hub instance stopped (nothing else publishes to the mail exchanges then). It can be run again
/// after an interruption: a holding queue left behind is merged back, and because every message passes the last,
/// deduplicating move, a copy made by an interrupted move does not survive. Agencies' consumers on a rebuilt
/// queue are cancelled by the broker and must subscribe again (docs/cluster.md#moving-to-quorum-queues).
/// </summary>
public sealed class QueueMigration(HubOptions options, AgencyDirectory directory, TextWriter output)
{
    public const string HoldingPrefix = "hub.migrating.";

    public static string Holding(string queue) => HoldingPrefix + queue;

    /// <returns>The queues rebuilt.</returns>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var kind = QueueKind.Of(options.RabbitMq.QuorumQueues);
        await using var connection = await RabbitMqConnections.ConnectAsync(options, "integrationhub-migrate-queues", cancellationToken).ConfigureAwait(false);
        var rebuilt = new List<string>();
        foreach (var queue in AgencyQueueSet.Of(directory))
        {
            var wrongType = !await IsOfKindAsync(connection, queue.Name, kind, cancellationToken).ConfigureAwait(false);
            var leftOver = await ExistsAsync(connection, Holding(queue.Name), cancellationToken).ConfigureAwait(false);
            if (!wrongType && !leftOver)
                continue;
            var moved = await MigrateAsync(connection, queue, kind, wrongType, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"{queue.Name}: now a {kind} queue, {moved} message(s) kept" +
                (leftOver ? " (a holding queue of an interrupted run merged back)" : "")).ConfigureAwait(false);
            rebuilt.Add(queue.Name);
        }
        await output.WriteLineAsync(rebuilt.Count == 0
            ? $"every agency queue is already a {kind} queue; nothing to migrate"
            : $"{rebuilt.Count} queue(s) migrated to {kind}; the hub can be started").ConfigureAwait(false);
        return rebuilt;
    }

    async Task<int> MigrateAsync(IConnection connection, TypedQueue queue, string kind, bool wrongType, CancellationToken cancellationToken)
    {
        var holding = Holding(queue.Name);
        await using (var channel = await ConfirmingChannelAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            await channel.QueueDeclareAsync(holding, durable: true, exclusive: false, autoDelete: false, QueueKind.Arguments(kind), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (queue.BoundTo is { } exchange)
            {
                // Bound before the old queue is unbound: an agency's message published in between reaches both rather than neither.
                await channel.QueueBindAsync(holding, exchange, "", cancellationToken: cancellationToken).ConfigureAwait(false);
                if (wrongType)
                    await channel.QueueUnbindAsync(queue.Name, exchange, "", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            // Everything into the holding queue: the old queue's messages, or (after an interruption) what the rebuilt queue holds.
            await MoveAsync(channel, queue.Name, holding, deduplicate: false, cancellationToken).ConfigureAwait(false);
            if (wrongType)
                await DeleteEmptyAsync(channel, queue.Name, cancellationToken).ConfigureAwait(false);
        }
        // A new channel for the queue of the new type: RabbitMQ 3.10's channel keeps what it learnt about the old
        // queue of that name and fails (INTERNAL_ERROR) publishing to its successor of another type.
        await using (var channel = await ConfirmingChannelAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            if (wrongType)
                await channel.QueueDeclareAsync(queue.Name, durable: true, exclusive: false, autoDelete: false, QueueKind.Arguments(kind), cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            if (queue.BoundTo is { } source)
            {
                await channel.QueueBindAsync(queue.Name, source, "", cancellationToken: cancellationToken).ConfigureAwait(false);
                await channel.QueueUnbindAsync(holding, source, "", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            var moved = await MoveAsync(channel, holding, queue.Name, deduplicate: true, cancellationToken).ConfigureAwait(false);
            await DeleteEmptyAsync(channel, holding, cancellationToken).ConfigureAwait(false);
            return moved;
        }
    }

    static Task<IChannel> ConfirmingChannelAsync(IConnection connection, CancellationToken cancellationToken) =>
        connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

    /// <summary>Moves every message, oldest first: published to <paramref name="to"/> with a confirm, then acknowledged on <paramref name="from"/>.</summary>
    static async Task<int> MoveAsync(IChannel channel, string from, string to, bool deduplicate, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var moved = 0;
        while (await channel.BasicGetAsync(from, autoAck: false, cancellationToken).ConfigureAwait(false) is { } message)
        {
            var key = message.BasicProperties.MessageId is { Length: > 0 } id ? "id:" + id : "sha256:" + Convert.ToHexString(SHA256.HashData(message.Body.Span));
            if (!deduplicate || seen.Add(key))
            {
                var properties = new BasicProperties(message.BasicProperties) { Persistent = true };
                await channel.BasicPublishAsync("", to, mandatory: true, properties, message.Body, cancellationToken).ConfigureAwait(false);
                moved++;
            }
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
        }
        return moved;
    }

    /// <summary>
    /// Deletes a queue that was just emptied and is bound to nothing, so nothing can arrive in it any more. Checked
    /// by its count rather than by delete's if-empty flag, which quorum queues do not support.
    /// </summary>
    static async Task DeleteEmptyAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        var left = (await channel.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false)).MessageCount;
        if (left != 0)
            throw new IOException($"{queue} still holds {left} message(s) after they were moved; nothing was deleted");
        await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Declaring it as <paramref name="kind"/> succeeds when it is of that kind (or absent: then it now exists, rightly typed).</summary>
    static async Task<bool> IsOfKindAsync(IConnection connection, string queue, string kind, CancellationToken cancellationToken)
    {
        await using var declarer = new QueueDeclarer(connection, kind);
        return await declarer.DeclareAsync(queue, cancellationToken).ConfigureAwait(false);
    }

    static async Task<bool> ExistsAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        // A passive declare of a missing queue closes its channel: a channel of its own.
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await probe.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }
}
