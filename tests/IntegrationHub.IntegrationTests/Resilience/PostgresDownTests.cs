using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.IntegrationTests.Resilience;

/// <summary>
/// Issue 10 §1 "Database down" on PostgreSQL: with its database server gone, the hub answers 503
/// problem+json with Retry-After (nothing accepted, send again) instead of an empty 500, and /health says
/// the database is down without naming its host or port. Its own cluster: this test stops it.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class PostgresDownTests : IAsyncLifetime
{
    readonly PostgresCluster _postgres = new();
    TestHub _hub = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var settings = TestHub.Simulated(AgencySamples.Now);
        settings["Hub:Database:Provider"] = "postgres";
        settings["Hub:Database:ConnectionString"] = await _postgres.CreateDatabaseAsync();
        _hub = await TestHub.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        // Back up first: the hub's shutdown flushes its delivery log to the database.
        await _postgres.StartAsync();
        await _hub.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task Calls_answer_503_with_retry_after_and_health_names_the_database_not_its_host()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());

        await _postgres.StopAsync();

        var submit = await _hub.PostHandoverAsync(Messages.Handover());
        var view = await _hub.As("school-de-regenboog").GetAsync($"/api/handovers/{id}");
        foreach (var response in new[] { submit, view })
        {
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            response.Headers.RetryAfter!.Delta.Should().BePositive();
            NoAddressIn(await response.Content.ReadAsStringAsync());
        }

        var health = await _hub.Http.GetAsync("/health");
        var text = await health.Content.ReadAsStringAsync();
        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = JsonNode.Parse(text)!;
        body["database"]!["status"]!.GetValue<string>().Should().StartWith("down");
        body["database"]!["provider"]!.GetValue<string>().Should().Be("postgres");
        body["broker"]!["status"]!.GetValue<string>().Should().Be("up");
        NoAddressIn(text);
    }

    void NoAddressIn(string text) =>
        text.Should().NotContain("127.0.0.1").And.NotContain(_postgres.Port.ToString()).And.NotContain("Host=").And.NotContain(_postgres.BaseDirectory);
}
