using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.IntegrationTests.Infrastructure;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Tests.Support;
using RabbitMQ.Client.Exceptions;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>
/// AMQPS: a private node with a TLS listener whose certificate comes from a CA the test made, asking every
/// client for a certificate of the same CA. The hub, trusting that CA and presenting its client certificate,
/// takes a handover to delivered with every one of its connections over TLS; each
/// TLS setting is shown to matter by leaving it out.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class AmqpsTests
{
    [Fact]
    public async Task The_hub_takes_a_handover_to_delivered_over_AMQPS_with_a_private_CA_and_a_client_certificate()
    {
        var files = Path.Combine(Path.GetTempPath(), "hub-tls-" + Guid.NewGuid().ToString("N")[..10]);
        using var pki = TestCertificates.CreateCa();
        using var otherPki = TestCertificates.CreateCa("Someone else's CA");
        var ca = pki.WriteCaPem(files);
        var otherCa = otherPki.WriteCaPem(Path.Combine(files, "other"));
        using var serverCertificate = pki.Server();
        var (serverPem, serverKey) = TestCertificates.WritePem(serverCertificate, files, "server");
        // The hub's client certificate as an operator would hand it over: a password-protected PKCS#12 file.
        const string clientPassword = "client-certificate-password";
        using var clientCertificate = pki.Client("CN=integrationhub");
        var clientP12 = Path.Combine(files, "client.p12");
        File.WriteAllBytes(clientP12, clientCertificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, clientPassword));
        var node = new RabbitMqNode
        {
            Tls = new RabbitMqNode.TlsListener(ca, serverPem, serverKey, RequireClientCertificate: true),
        };
        await node.InitializeAsync();
        try
        {
            var settings = new Dictionary<string, string?>(node.HubSettings)
            {
                ["Hub:RabbitMq:Port"] = node.TlsPort.ToString(),
                ["Hub:RabbitMq:Tls:Enabled"] = "true",
                ["Hub:RabbitMq:Tls:ServerName"] = "localhost",
                ["Hub:RabbitMq:Tls:CaCertificatePath"] = ca,
                ["Hub:RabbitMq:Tls:ClientCertificatePath"] = clientP12,
                ["Hub:RabbitMq:Tls:ClientCertificatePassword"] = clientPassword,
            };
            await using (var hub = await TestHub.StartAsync(settings))
            {
                var id = await hub.SubmitAsync(Messages.Handover());
                await hub.WaitForStateAsync(id, "delivered");

                var (code, listing) = await node.Ctl("-s", "--no-table-headers", "list_connections", "user", "ssl", "peer_cert_subject");
                code.Should().Be(0, listing);
                var hubConnections = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(line => line.Split('\t')).Where(columns => columns[0] == RabbitMqNode.HubUser).ToList();
                hubConnections.Should().HaveCountGreaterThanOrEqualTo(2, "the inbound consumer and the postman each hold one: " + listing);
                hubConnections.Should().OnlyContain(columns => columns[1] == "true" && columns[2].Contains("CN=integrationhub"), listing);
            }

            // Each setting matters: without the CA, with a name the certificate does not carry, trusting another CA, or
            // without the client certificate, the hub's connection is refused.
            RabbitMqOptions Options(Action<RabbitMqTlsOptions> change)
            {
                var options = new RabbitMqOptions
                {
                    Host = "127.0.0.1", Port = (ushort)node.TlsPort, Username = RabbitMqNode.HubUser, Password = node.HubPassword,
                    Tls = new RabbitMqTlsOptions
                    {
                        Enabled = true, ServerName = "localhost", CaCertificatePath = ca,
                        ClientCertificatePath = clientP12, ClientCertificatePassword = clientPassword,
                    },
                };
                change(options.Tls);
                return options;
            }
            await using (await ConnectAsync(Options(_ => { })))
            {
            }
            foreach (var (what, change) in new (string, Action<RabbitMqTlsOptions>)[]
                     {
                         ("no CA: the system's trust store does not know it", t => t.CaCertificatePath = null),
                         ("another CA", t => t.CaCertificatePath = otherCa),
                         ("a name the certificate does not carry", t => t.ServerName = "rabbit.example"),
                         ("no client certificate", t => t.ClientCertificatePath = null),
                     })
                await FluentActions.Awaiting(() => ConnectAsync(Options(change))).Should().ThrowAsync<BrokerUnreachableException>(what);
        }
        finally
        {
            await node.DisposeAsync();
            Directory.Delete(files, recursive: true);
        }
    }

    static Task<RabbitMQ.Client.IConnection> ConnectAsync(RabbitMqOptions rabbit) =>
        RabbitMqConnections.Factory(new HubOptions { Transport = "rabbitmq", RabbitMq = rabbit }, "amqps-test").CreateConnectionAsync();
}
