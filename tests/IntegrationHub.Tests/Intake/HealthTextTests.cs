using IntegrationHub.Hub.Health;

namespace IntegrationHub.Tests.Intake;

/// <summary>/health says which part is down, never where it lives (API.md: "without host names").</summary>
public class HealthTextTests
{
    [Theory]
    [InlineData("Not ready: rabbitmq://rabbit.prod.example:5672/hub/hub.handover-saga faulted", "Not ready: /hub/hub.handover-saga faulted")]
    [InlineData("Unhealthy: rabbitmq://10.0.0.7/ unreachable", "Unhealthy: / unreachable")]
    [InlineData("Not ready: loopback://localhost/ not started", "Not ready: / not started")]
    [InlineData(null, "not connected")]
    public void Bus_descriptions_lose_their_hosts(string? description, string expected) =>
        HealthEndpoints.WithoutAddresses(description).Should().Be(expected);
}
