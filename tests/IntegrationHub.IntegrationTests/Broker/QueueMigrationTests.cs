using System.Text;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Delivery.QueueTypes;
using IntegrationHub.IntegrationTests.Crash;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;
using RabbitMQ.Client;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>
/// A broker set up by an earlier hub holds classic agency queues with messages in them. The hub (quorum queues by
/// default) refuses to start, naming every such queue and the command; <c>broker migrate-queues</c>, run as an
/// operator runs it (its own process, configured by environment variables), rebuilds them as quorum queues
/// keeping every message once and in order, also across a holding queue an interrupted run left behind; then the
/// hub starts. In a virtual host of its own, so the other tests' queues are not touched.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class QueueMigrationTests(RabbitMqNode rabbit)
{
    const string Bjz = "bjz-noord-brabant";
    const string Cjg = "cjg-tilburg";

    [Fact]
    public async Task Classic_queues_stop_the_hub_and_migrate_queues_makes_them_quorum_keeping_every_message()
    {
        var vhost = "migration-" + Guid.NewGuid().ToString("N")[..8];
        await rabbit.CtlOrThrow("add_vhost", vhost);
        var directory = Path.Combine(Path.GetTempPath(), "hub-migration-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            await rabbit.CtlOrThrow("set_permissions", "-p", vhost, RabbitMqNode.HubUser, ".*", ".*", ".*");
            await rabbit.CtlOrThrow("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
            var mailIds = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();
            await using (var connection = await ConnectAsync(vhost))
            await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true)))
            {
                // As an earlier hub left it: classic queues, mail waiting for BJZ, a message from CJG not yet taken.
                await channel.ExchangeDeclareAsync(AgencyQueues.MailExchange(Bjz), ExchangeType.Fanout, durable: true);
                await channel.QueueDeclareAsync(AgencyQueues.MailQueue(Bjz), durable: true, exclusive: false, autoDelete: false);
                await channel.QueueBindAsync(AgencyQueues.MailQueue(Bjz), AgencyQueues.MailExchange(Bjz), "");
                foreach (var id in mailIds)
                    await channel.BasicPublishAsync(AgencyQueues.MailExchange(Bjz), "", true, new BasicProperties { MessageId = id, Persistent = true }, Encoding.UTF8.GetBytes("mail " + id));
                await channel.ExchangeDeclareAsync(AgencyQueues.InboundExchange(Cjg), ExchangeType.Fanout, durable: true);
                await channel.QueueDeclareAsync(AgencyQueues.InboundQueue(Cjg), durable: true, exclusive: false, autoDelete: false);
                await channel.QueueBindAsync(AgencyQueues.InboundQueue(Cjg), AgencyQueues.InboundExchange(Cjg), "");
                await channel.BasicPublishAsync(AgencyQueues.InboundExchange(Cjg), "", true, new BasicProperties { MessageId = "cjg-1", Persistent = true }, "{}"u8.ToArray());
                // And an earlier migration run cut off after copying the first mail to its holding queue, before removing it here.
                var holding = QueueMigration.Holding(AgencyQueues.MailQueue(Bjz));
                await channel.QueueDeclareAsync(holding, durable: true, exclusive: false, autoDelete: false, QueueKind.Arguments(QueueKind.Quorum));
                await channel.BasicPublishAsync("", holding, true, new BasicProperties { MessageId = mailIds[0], Persistent = true }, Encoding.UTF8.GetBytes("mail " + mailIds[0]));
            }

            // The hub does not start, and says why and what to run.
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}"), Timeout = TimeSpan.FromSeconds(10) };
            string[] args = ["--urls", http.BaseAddress!.ToString().TrimEnd('/'), $"--Hub:DataDirectory={directory}", .. HubArguments(vhost), .. TestCredentials.Arguments()];
            var refused = await FluentActions.Awaiting(() => HubProcess.StartAsync(http, args, directory, Path.Combine(directory, "refused.log")))
                .Should().ThrowAsync<InvalidOperationException>();
            refused.Which.Message.Should().Contain("hub exited at start-up").And.Contain(AgencyQueues.MailQueue(Bjz)).And.Contain(AgencyQueues.InboundQueue(Cjg))
                .And.Contain("broker migrate-queues");

            var (code, output) = await MigrateAsync(vhost);
            code.Should().Be(0, output + "\n" + rabbit.LogTail());
            output.Should().Contain($"{AgencyQueues.MailQueue(Bjz)}: now a quorum queue, 3 message(s) kept").And.Contain(AgencyQueues.InboundQueue(Cjg));
            var queues = await QueuesAsync(vhost);
            queues.Where(q => q.Name.StartsWith("agency.", StringComparison.Ordinal) || q.Name.StartsWith("hub.inbound.", StringComparison.Ordinal))
                .Should().OnlyContain(q => q.Type == "quorum");
            queues.Should().NotContain(q => q.Name.StartsWith(QueueMigration.HoldingPrefix, StringComparison.Ordinal), "the holding queues go when emptied");

            // Every mail once, in the order it was published; the agency's message still waits for the hub.
            await using (var connection = await ConnectAsync(vhost))
            await using (var channel = await connection.CreateChannelAsync())
            {
                var received = new List<string>();
                while (await channel.BasicGetAsync(AgencyQueues.MailQueue(Bjz), autoAck: true) is { } message)
                    received.Add(message.BasicProperties.MessageId!);
                received.Should().Equal(mailIds);
                (await channel.QueueDeclarePassiveAsync(AgencyQueues.InboundQueue(Cjg))).MessageCount.Should().Be(1);
                // Still bound: what the agency publishes now reaches the rebuilt queue.
                await channel.BasicPublishAsync(AgencyQueues.InboundExchange(Cjg), "", true, new BasicProperties { MessageId = "cjg-2" }, "{}"u8.ToArray());
            }
            await WaitForAsync(async () => (await QueuesAsync(vhost)).Single(q => q.Name == AgencyQueues.InboundQueue(Cjg)).Messages == 2);

            // The hub starts now; a second run finds nothing to do.
            var hub = await HubProcess.StartAsync(http, args, directory, Path.Combine(directory, "hub.log"));
            hub.Dispose();
            var again = await MigrateAsync(vhost);
            again.Output.Should().Contain("nothing to migrate");
        }
        finally
        {
            await rabbit.Ctl("delete_vhost", vhost);
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    IEnumerable<string> HubArguments(string vhost) =>
    [
        "--Hub:Transport=rabbitmq", "--Hub:RabbitMq:Host=127.0.0.1", $"--Hub:RabbitMq:Port={rabbit.AmqpPort}", $"--Hub:RabbitMq:VirtualHost={vhost}",
        $"--Hub:RabbitMq:Username={RabbitMqNode.HubUser}", $"--Hub:RabbitMq:Password={rabbit.HubPassword}",
        "--Hub:Database:Provider=sqlite",
    ];

    /// <summary>As an operator runs it: the hub's program with the command, configured through the environment.</summary>
    Task<(int ExitCode, string Output)> MigrateAsync(string vhost) =>
        ExternalProcess.RunAsync(HubProcess.DotnetHost, [HubProcess.HubDll, "broker", "migrate-queues"], new Dictionary<string, string>
        {
            ["Hub__Transport"] = "rabbitmq", ["Hub__RabbitMq__Host"] = "127.0.0.1", ["Hub__RabbitMq__Port"] = rabbit.AmqpPort.ToString(),
            ["Hub__RabbitMq__VirtualHost"] = vhost, ["Hub__RabbitMq__Username"] = RabbitMqNode.HubUser, ["Hub__RabbitMq__Password"] = rabbit.HubPassword,
        }, TimeSpan.FromMinutes(2));

    async Task<List<(string Name, string Type, long Messages)>> QueuesAsync(string vhost)
    {
        var (code, listing) = await rabbit.Ctl("-q", "list_queues", "-p", vhost, "--no-table-headers", "name", "type", "messages");
        code.Should().Be(0, listing);
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('\t', StringSplitOptions.TrimEntries)).Where(f => f.Length == 3)
            .Select(f => (f[0], f[1], long.Parse(f[2]))).ToList();
    }

    Task<IConnection> ConnectAsync(string vhost) =>
        new ConnectionFactory { HostName = "127.0.0.1", Port = rabbit.AmqpPort, VirtualHost = vhost, UserName = "guest", Password = "guest" }.CreateConnectionAsync();

    static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not hold in time");
            await Task.Delay(100);
        }
    }
}
