using IntegrationHub.Hub.Hosting;
using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>What the hub refuses before it touches a broker, and what it never sends anywhere.</summary>
public class HubBrokerSettingsTests
{
    static Task<WebApplication> BuildAsync(params string[] settings) =>
        HubApp.BuildAsync(["--Hub:DataDirectory=" + Path.Combine(Path.GetTempPath(), "hub-test-" + Guid.NewGuid().ToString("N")[..12]),
            "--Hub:Transport=rabbitmq", "--Hub:RabbitMq:Host=127.0.0.1", .. settings]);

    [Fact]
    public async Task The_hub_refuses_to_start_on_RabbitMQ_without_a_user_of_its_own()
    {
        (await FluentActions.Awaiting(() => BuildAsync()).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("Hub:RabbitMq:Username is required").And.Contain("broker provision");
        (await FluentActions.Awaiting(() => BuildAsync("--Hub:RabbitMq:Username=integrationhub")).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("Hub:RabbitMq:Password is required");
    }

    [Fact]
    public async Task The_hub_refuses_to_connect_as_guest()
    {
        (await FluentActions.Awaiting(() => BuildAsync("--Hub:RabbitMq:Username=guest", "--Hub:RabbitMq:Password=guest"))
                .Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("must not be RabbitMQ's built-in guest user");
    }

    [Fact]
    public async Task A_missing_TLS_file_is_named_at_start()
    {
        (await FluentActions.Awaiting(() => BuildAsync("--Hub:RabbitMq:Username=integrationhub", "--Hub:RabbitMq:Password=x",
                "--Hub:RabbitMq:Tls:Enabled=true", "--Hub:RabbitMq:Tls:CaCertificatePath=/nonexistent/ca.pem"))
                .Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("Hub:RabbitMq:Tls:CaCertificatePath");
    }

    [Fact]
    public void The_hub_carries_no_bus_library_that_reports_its_usage_to_a_vendor() =>
        // MassTransit 8 reports usage telemetry unless told not to; the hub runs its steps in process and sends
        // what leaves it only to its broker, its database and the agencies' own endpoints.
        typeof(HubApp).Assembly.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain(n => n!.StartsWith("MassTransit"));
}
