using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Delivery.Provisioning;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>
/// The permission matrix of docs/topology.md on a real node, with the users `broker provision` created: for
/// every demo agency, what it can read, write, declare and bind over AMQP, and that everything else is
/// ACCESS_REFUSED. A negative control loosens one regex at a time and shows the same probe catches it.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class BrokerPermissionTests(ManagedRabbitMqNode managed)
{
    const string HubUser = "hub-provisioned";

    static readonly string[] Demo = AgencyDirectory.LoadDemo().Agencies.Select(a => a.Id).Order().ToArray();

    [Fact]
    public async Task Every_demo_agency_reads_and_writes_only_its_own_and_declares_binds_and_purges_nothing_else()
    {
        var node = await managed.GetAsync();
        using var run = new ProvisionRun();
        var hubPassword = "hub-" + Guid.NewGuid().ToString("N");
        var credentialsFile = Path.Combine(run.WorkDirectory, "credentials.json");
        var (code, output, errors) = await run.RunAsync(node, "--hub-user", HubUser, "--hub-password-file", run.Secret("hub-password", hubPassword),
            "--credentials-out", credentialsFile);
        code.Should().Be(0, errors);
        var credentials = ProvisionRun.ReadCredentials(credentialsFile);
        credentials.Keys.Should().BeEquivalentTo(Demo, "every agency got a user; the hub's password came from its file");
        errors.Should().Contain("user guest has permissions on /", "provision warns about the default user");

        // The hub runs on its provisioned user and declares the whole topology.
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>(node.HubSettings)
        {
            ["Hub:RabbitMq:Username"] = HubUser,
            ["Hub:RabbitMq:Password"] = hubPassword,
        });

        var deviations = new List<string>();
        var probes = 0;
        foreach (var agency in Demo)
        {
            await using var probe = new PermissionProbe(() => ProvisionRun.ConnectAsync(node, agency, credentials[agency]), agency,
                Demo.Where(other => other != agency).ToList());
            deviations.AddRange(await probe.DeviationsAsync());
            probes += probe.Count;
        }
        deviations.Should().BeEmpty($"{probes} operations were tried for {Demo.Length} agencies");
        probes.Should().BeGreaterThan(Demo.Length * 80);

        // And what the permissions are for works end to end, as each agency's own user.
        var handovers = Demo.ToDictionary(agency => agency, _ => Guid.NewGuid());
        foreach (var agency in Demo)
            await hub.Get<IAgencyDrop>().DropAsync(MailFor(agency, handovers[agency]), new OutboundDocument("application/json", "{}"u8.ToArray()), CancellationToken.None);
        foreach (var agency in Demo)
        {
            await using var connection = await ProvisionRun.ConnectAsync(node, agency, credentials[agency]);
            await using var channel = await connection.CreateChannelAsync();
            // Its probe (published to its inbound exchange above) was refused by the hub onto its own error queue.
            var refusal = await WaitForAsync(channel, AgencyQueues.InboundError(agency), m => m.BasicProperties.MessageId == "permission-probe");
            refusal.BasicProperties.Headers.Should().ContainKey("x-reject-reason");
            // The postman's mail reached its queue, and only its own (beside the retour that answered its probe).
            var mail = await WaitForAsync(channel, AgencyQueues.MailQueue(agency), m => m.BasicProperties.Headers?.TryGetValue(MailHeaders.Kind, out var kind) == true
                && kind is byte[] bytes && Encoding.UTF8.GetString(bytes) != "retour");
            Encoding.UTF8.GetString((byte[])mail.BasicProperties.Headers![MailHeaders.HandoverId]!).Should().Be(handovers[agency].ToString());
        }

        // No agency user can log in to the management API.
        using var http = new HttpClient { BaseAddress = node.ManagementUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Demo[0]}:{credentials[Demo[0]]}")));
        (await http.GetAsync("api/overview")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// The negative control: the matrix test above must fail when a permission is loosened. Each variant gives
    /// one agency's user a wider regex in a virtual host of its own (the same topology, declared by the hub's
    /// code) and runs the same probe; it must report the operation the loosening opens. Configure: any match
    /// lets it declare or delete. Write: a wider match reaches amq.default (every queue) or another agency's
    /// inbound exchange. Read: a wider match reaches a readable exchange (binding becomes possible: the loop
    /// of its mail into its inbound exchange), another agency's queues, or the journal. An unanchored regex is
    /// only wider by names containing the agency's own, which no agency can create (configure ^$); the
    /// exact permissions themselves give no deviation here either, so what is found comes from the loosening.
    /// </summary>
    [Fact]
    public async Task The_matrix_catches_every_loosened_permission()
    {
        var node = await managed.GetAsync();
        const string a = "bjz-noord-brabant";
        var exact = AgencyPermissions.For(a);
        var variants = new (string Name, BrokerPermissions Permissions, string Expected)[]
        {
            ("exact", exact, ""),
            ("configure .*", exact with { Configure = ".*" }, "redeclare its mail queue"),
            ("write also amq.default", exact with { Write = $@"^(agency\.{a}\.inbound|amq\.default)$" }, $"publish through amq.default to hub.inbound.{a}"),
            ("write any inbound exchange", exact with { Write = @"^agency\.[a-z0-9-]+\.inbound$" }, "publish to agency.jgz-tilburg.inbound (speak as jgz-tilburg)"),
            ("read also its mail exchange", exact with { Read = $@"^(agency\.{a}\.(mail|inbound\.error)|hub\.mail\.{a})$" }, "(loop its mail back in)"),
            ("read any agency's queues", exact with { Read = @"^agency\.[a-z0-9-]+\.(mail|inbound\.error)$" }, "read agency.jgz-tilburg.mail"),
            ("read everything", exact with { Read = ".*" }, "consume hub.egress.journal"),
        };
        using var admin = new ManagementApi(node.ManagementUrl, "guest", "guest");
        using var http = AdminHttp(node);
        foreach (var (name, permissions, expected) in variants)
        {
            var vhost = "control-" + Guid.NewGuid().ToString("N")[..8];
            var user = "probe-" + Guid.NewGuid().ToString("N")[..8];
            var password = Guid.NewGuid().ToString("N");
            await admin.CreateVirtualHostAsync(vhost, CancellationToken.None);
            await admin.PutPermissionsAsync(vhost, RabbitMqNode.HubUser, AgencyPermissions.Hub, CancellationToken.None);
            try
            {
                await DeclareTopologyAsync(node, vhost);
                await admin.PutUserAsync(user, password, CancellationToken.None);
                await admin.PutPermissionsAsync(vhost, user, permissions, CancellationToken.None);
                await using var probe = new PermissionProbe(() => ProvisionRun.ConnectAsync(node, user, password, vhost), a, Demo.Where(other => other != a).ToList());
                var found = await probe.DeviationsAsync();

                if (expected.Length == 0)
                    found.Should().BeEmpty($"variant '{name}' is the exact permission set");
                else
                    found.Should().Contain(d => d.Contains(expected), $"variant '{name}' opens it");
            }
            finally
            {
                await http.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(vhost)}");
                await http.DeleteAsync($"api/users/{user}");
            }
        }
    }

    static async Task DeclareTopologyAsync(RabbitMqNode node, string vhost)
    {
        var options = new HubOptions
        {
            Transport = "rabbitmq",
            RabbitMq = new RabbitMqOptions
            {
                Host = "127.0.0.1", Port = (ushort)node.AmqpPort, VirtualHost = vhost, Username = RabbitMqNode.HubUser, Password = node.HubPassword,
            },
        };
        await new AgencyTopology(options, AgencyDirectory.LoadDemo(), NullLogger<AgencyTopology>.Instance).StartAsync(CancellationToken.None);
    }

    static HttpClient AdminHttp(RabbitMqNode node)
    {
        var http = new HttpClient { BaseAddress = node.ManagementUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray()));
        return http;
    }

    static AgencyMail MailFor(string agency, Guid handover) => new()
    {
        MailId = Guid.NewGuid(), To = agency, Kind = AgencyMailKinds.Feedback, HandoverId = handover,
        Sender = agency, Receiver = agency, At = DateTimeOffset.UtcNow, Purpose = "care", LegalBasis = "consent",
    };

    static async Task<BasicGetResult> WaitForAsync(IChannel channel, string queue, Func<BasicGetResult, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
            {
                if (match(message))
                    return message;
                continue;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"nothing matching arrived on {queue}");
    }
}
