using IntegrationHub.Hub.Delivery;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>
/// Tries, over AMQP as one agency's broker user, everything the permission matrix of docs/topology.md says
/// about that agency, and reports every operation whose outcome differs from it: each allowed operation
/// must succeed, each forbidden one must be refused with ACCESS_REFUSED (403), not merely fail (a 404 would
/// mean the permission let it through and only a missing resource stopped it). Each operation gets its own
/// channel, because a refusal closes the channel it happened on; a hard error (say, purging a stream, which a
/// loosened permission lets through) closes the connection, and the next operation gets a new one.
/// </summary>
sealed class PermissionProbe(Func<Task<IConnection>> connect, string agencyId, IReadOnlyCollection<string> otherAgencies) : IAsyncDisposable
{
    IConnection? _connection;

    enum Expect { Allowed, Refused }

    sealed record Operation(string What, Expect Expect, Func<IChannel, Task> Run);

    public async Task<IReadOnlyList<string>> DeviationsAsync()
    {
        var deviations = new List<string>();
        foreach (var operation in Operations())
        {
            var outcome = await TryAsync(operation.Run);
            // A CHANNEL_ERROR (504) is the broker's answer to a frame on a channel number it had just closed
            // (the client's close of an earlier, refused channel racing the broker's); it closes the
            // connection under whatever ran next, so that operation is tried again on a new one.
            for (var again = 0; again < 2 && outcome.StartsWith("failed (504", StringComparison.Ordinal); again++)
                outcome = await TryAsync(operation.Run);
            var expected = operation.Expect == Expect.Allowed ? "allowed" : "refused (403)";
            if (outcome != expected)
                deviations.Add($"{agencyId}: {operation.What}: expected {expected}, was {outcome}");
        }
        return deviations;
    }

    public int Count => Operations().Count();

    IEnumerable<Operation> Operations()
    {
        var a = agencyId;
        var mail = AgencyQueues.MailQueue(a);
        var error = AgencyQueues.InboundError(a);
        var inbound = AgencyQueues.InboundExchange(a);
        var hubInbound = AgencyQueues.InboundQueue(a);
        var mailExchange = AgencyQueues.MailExchange(a);

        // What the agency is for.
        yield return new("read its mail queue (basic.get)", Expect.Allowed, c => c.BasicGetAsync(mail, autoAck: false));
        yield return new("consume its mail queue", Expect.Allowed, async c =>
        {
            var tag = await c.BasicConsumeAsync(mail, autoAck: false, new AsyncEventingBasicConsumer(c));
            await c.BasicCancelAsync(tag);
        });
        yield return new("read its error queue", Expect.Allowed, c => c.BasicGetAsync(error, autoAck: false));
        yield return new("publish to its inbound exchange", Expect.Allowed, c => Publish(c, inbound, ""));

        // Declaring, deleting: configure ^$ matches no name.
        yield return new("redeclare its mail queue", Expect.Refused, c => c.QueueDeclareAsync(mail, durable: true, exclusive: false, autoDelete: false));
        yield return new("declare a server-named queue", Expect.Refused, c => c.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true));
        yield return new("declare a queue under its own prefix", Expect.Refused, c => c.QueueDeclareAsync($"agency.{a}.mine", durable: false, exclusive: true, autoDelete: true));
        yield return new("redeclare its inbound exchange", Expect.Refused, c => c.ExchangeDeclareAsync(inbound, ExchangeType.Fanout, durable: true, autoDelete: false));
        yield return new("declare an exchange under its own prefix", Expect.Refused, c => c.ExchangeDeclareAsync($"agency.{a}.mine", ExchangeType.Fanout, durable: false, autoDelete: true));
        yield return new("delete its mail queue", Expect.Refused, c => c.QueueDeleteAsync(mail));
        yield return new("delete its error queue", Expect.Refused, c => c.QueueDeleteAsync(error));
        yield return new("delete its inbound exchange", Expect.Refused, c => c.ExchangeDeleteAsync(inbound));
        yield return new($"delete {hubInbound}", Expect.Refused, c => c.QueueDeleteAsync(hubInbound));
        yield return new($"delete {mailExchange}", Expect.Refused, c => c.ExchangeDeleteAsync(mailExchange));

        // Binding: write on the destination, read on the source. Its one writable name is an exchange, its readable names are queues.
        yield return new("bind its mail queue to its own inbound exchange", Expect.Refused, c => c.QueueBindAsync(mail, inbound, ""));
        yield return new("bind its error queue to its own inbound exchange", Expect.Refused, c => c.QueueBindAsync(error, inbound, ""));
        yield return new($"bind its inbound exchange to {mailExchange} (loop its mail back in)", Expect.Refused, c => c.ExchangeBindAsync(inbound, mailExchange, ""));
        yield return new($"bind {hubInbound} to {mailExchange}", Expect.Refused, c => c.QueueBindAsync(hubInbound, mailExchange, ""));
        yield return new($"unbind {hubInbound} from its inbound exchange (cut the hub off)", Expect.Refused, c => c.QueueUnbindAsync(hubInbound, inbound, ""));
        yield return new("unbind its mail queue from its mail exchange", Expect.Refused, c => c.QueueUnbindAsync(mail, mailExchange, ""));
        yield return new($"bind {EgressJournal.Queue} to its inbound exchange", Expect.Refused, c => c.QueueBindAsync(EgressJournal.Queue, inbound, ""));

        // Reading and purging what is the hub's.
        yield return new($"read {hubInbound}", Expect.Refused, c => c.BasicGetAsync(hubInbound, autoAck: false));
        yield return new($"purge {hubInbound}", Expect.Refused, c => c.QueuePurgeAsync(hubInbound));
        yield return new($"consume {EgressJournal.Queue}", Expect.Refused, async c =>
        {
            await c.BasicQosAsync(0, 10, false);
            await c.BasicConsumeAsync(EgressJournal.Queue, autoAck: false, "", noLocal: false, exclusive: false,
                new Dictionary<string, object?> { ["x-stream-offset"] = "first" }, new AsyncEventingBasicConsumer(c));
        });
        yield return new($"purge {EgressJournal.Queue}", Expect.Refused, c => c.QueuePurgeAsync(EgressJournal.Queue));

        // Writing anywhere but its inbound exchange.
        yield return new($"publish through amq.default to {hubInbound}", Expect.Refused, c => Publish(c, "", hubInbound));
        yield return new($"publish through amq.default to its own mail queue", Expect.Refused, c => Publish(c, "", mail));
        yield return new($"publish to {mailExchange}", Expect.Refused, c => Publish(c, mailExchange, ""));
        yield return new($"publish to {EgressJournal.MarkerExchange}", Expect.Refused, c => Publish(c, EgressJournal.MarkerExchange, ""));
        foreach (var builtIn in new[] { "amq.direct", "amq.fanout", "amq.topic", "amq.headers" })
            yield return new($"publish to {builtIn}", Expect.Refused, c => Publish(c, builtIn, mail));

        // Nothing of any other agency's.
        foreach (var b in otherAgencies)
        {
            var theirMail = AgencyQueues.MailQueue(b);
            var theirError = AgencyQueues.InboundError(b);
            var theirInbound = AgencyQueues.InboundExchange(b);
            var theirMailExchange = AgencyQueues.MailExchange(b);
            yield return new($"read {theirMail}", Expect.Refused, c => c.BasicGetAsync(theirMail, autoAck: false));
            yield return new($"consume {theirMail}", Expect.Refused, c => c.BasicConsumeAsync(theirMail, autoAck: false, new AsyncEventingBasicConsumer(c)));
            yield return new($"read {theirError}", Expect.Refused, c => c.BasicGetAsync(theirError, autoAck: false));
            yield return new($"read {AgencyQueues.InboundQueue(b)}", Expect.Refused, c => c.BasicGetAsync(AgencyQueues.InboundQueue(b), autoAck: false));
            yield return new($"purge {theirMail}", Expect.Refused, c => c.QueuePurgeAsync(theirMail));
            yield return new($"purge {theirError}", Expect.Refused, c => c.QueuePurgeAsync(theirError));
            yield return new($"delete {theirMail}", Expect.Refused, c => c.QueueDeleteAsync(theirMail));
            yield return new($"publish to {theirInbound} (speak as {b})", Expect.Refused, c => Publish(c, theirInbound, ""));
            yield return new($"publish through amq.default to {AgencyQueues.InboundQueue(b)}", Expect.Refused, c => Publish(c, "", AgencyQueues.InboundQueue(b)));
            yield return new($"publish to {theirMailExchange}", Expect.Refused, c => Publish(c, theirMailExchange, ""));
            yield return new($"bind its mail queue to {theirMailExchange} (copy {b}'s mail)", Expect.Refused, c => c.QueueBindAsync(mail, theirMailExchange, ""));
            yield return new($"bind {theirMail} to its inbound exchange", Expect.Refused, c => c.QueueBindAsync(theirMail, inbound, ""));
            yield return new($"bind {theirMailExchange} to its inbound exchange (inject mail)", Expect.Refused, c => c.ExchangeBindAsync(theirMailExchange, inbound, ""));
            yield return new($"bind its inbound exchange to {theirInbound}", Expect.Refused, c => c.ExchangeBindAsync(inbound, theirInbound, ""));
        }
    }

    static async Task Publish(IChannel channel, string exchange, string routingKey) =>
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: false, new BasicProperties { MessageId = "permission-probe" },
            "permission probe"u8.ToArray());

    /// <summary>"allowed", "refused (403)", or what else happened.</summary>
    async Task<string> TryAsync(Func<IChannel, Task> run)
    {
        var channel = await OpenChannelAsync();
        try
        {
            await run(channel);
            // A refused publish has no answer: the broker closes the channel instead. A round trip after it
            // meets that close (the broker handles a channel's frames in order).
            await channel.BasicQosAsync(0, 1, false);
            return "allowed";
        }
        catch (Exception e) when (e is OperationInterruptedException or AlreadyClosedException)
        {
            var reason = (e as OperationInterruptedException)?.ShutdownReason ?? channel.CloseReason;
            return reason?.ReplyCode == 403 ? "refused (403)" : $"failed ({reason?.ReplyCode}: {reason?.ReplyText ?? e.Message})";
        }
        finally
        {
            try
            {
                await channel.DisposeAsync();
            }
            catch (Exception)
            {
            }
        }
    }

    /// <summary>
    /// A fresh channel, on a fresh connection when the last one closed. Opening a channel right after the
    /// broker closed the previous one can meet a connection-level CHANNEL_ERROR (504, "expected
    /// 'channel.open'") while the broker still finishes that close; that says nothing about the permission
    /// under test, so the probe opens a new connection and tries once more.
    /// </summary>
    async Task<IChannel> OpenChannelAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            if (_connection is not { IsOpen: true })
            {
                if (_connection is not null)
                    await _connection.DisposeAsync();
                _connection = await connect();
            }
            try
            {
                return await _connection.CreateChannelAsync();
            }
            catch (Exception e) when (attempt < 3 && e is OperationInterruptedException or AlreadyClosedException)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
