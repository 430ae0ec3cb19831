using System.Net;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Access;

/// <summary>The demo credentials (API.md): every demo agency's works on the embedded default, and nowhere else.</summary>
public class DemoKeyTests
{
    [Fact]
    public async Task The_embedded_default_takes_every_demo_agencys_key()
    {
        await using var hub = await TestHub.StartAsync();
        var id = await hub.Client("school-de-regenboog-demo-key").SubmitAsync(Messages.Handover());

        (await hub.Client("bjz-noord-brabant-demo-key").GetAsync($"/api/handovers/{id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await hub.Client("operator-demo-key").GetAsync("/api/operator/counts")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await hub.Client("auditor-demo-key").GetAsync("/api/audit/verify")).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var agency in new[] { "school-vmbo-noord", "jgz-tilburg", "cjg-tilburg", "veiligheidshuis-tilburg", "gemeente-tilburg" })
            (await hub.Client(agency + "-demo-key").GetAsync($"/api/agencies/{agency}/mail")).StatusCode.Should().Be(HttpStatusCode.OK, agency);
    }

    [Theory]
    [InlineData("Hub:Access:Operators:0", "operator-demo-key")]
    [InlineData("Hub:Access:Agencies:bjz-noord-brabant:0", "bjz-noord-brabant-demo-key")]
    public async Task A_hub_on_rabbitmq_refuses_to_start_with_a_demo_key(string setting, string key)
    {
        var directory = Path.Combine(Path.GetTempPath(), "hub-demo-key-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var start = () => HubApp.BuildAsync([$"--Hub:DataDirectory={directory}", "--Hub:Transport=rabbitmq",
                "--Hub:RabbitMq:Username=integrationhub", "--Hub:RabbitMq:Password=not-a-guest-password", $"--{setting}={key}"]);

            (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("demo key").And.NotContain(key);
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task One_key_for_two_holders_is_refused_at_start()
    {
        var start = () => TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Hub:Access:Operators:0"] = "shared-key-0123456789",
            ["Hub:Access:Agencies:cjg-tilburg:0"] = "shared-key-0123456789",
        });
        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("every holder needs its own key");
    }
}
