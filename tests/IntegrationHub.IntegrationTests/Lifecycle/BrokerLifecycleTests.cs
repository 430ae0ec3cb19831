using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;
using Npgsql;

namespace IntegrationHub.IntegrationTests.Lifecycle;

/// <summary>
/// Production shape: RabbitMQ for the bus, PostgreSQL for saga state, outbox, inbox and the log, a
/// simulated clock for the deadlines. One hub, then two hubs on one database.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class BrokerLifecycleTests(RabbitMqNode rabbit, PostgresCluster postgres)
{
    static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    async Task<Dictionary<string, string?>> SettingsAsync(string? connectionString = null, string database = "postgres")
    {
        var settings = new Dictionary<string, string?>(rabbit.HubSettings);
        if (database == "postgres")
        {
            settings["Hub:Database:Provider"] = "postgres";
            settings["Hub:Database:ConnectionString"] = connectionString ?? await postgres.CreateDatabaseAsync();
        }
        foreach (var (k, v) in TestHub.Simulated(Monday))
            settings[k] = v;
        return settings;
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task A_handover_escalates_to_level_3_and_is_resolved_by_care_started_on_the_real_broker(string database)
    {
        await using var hub = await TestHub.StartAsync(await SettingsAsync(database: database));
        var health = await hub.Http.GetStringAsync("/health");
        health.Should().Contain($"\"provider\":\"{database}\"").And.Contain("\"transport\":\"rabbitmq\"");
        var id = await hub.SubmitAsync(Messages.Handover());
        await hub.WaitForStateAsync(id, "delivered");
        (await hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await hub.WaitForStateAsync(id, "receipt-confirmed");

        // Care was due ten working days after receipt; then two and five more working days climb the ladder.
        await AdvanceAsync(hub, "P14DT1M");
        await hub.WaitForViewAsync(id, v => v["escalations"]!.AsArray().Count == 1);
        await AdvanceAsync(hub, "P2D");
        await hub.WaitForViewAsync(id, v => v["escalations"]!.AsArray().Count == 2);
        await AdvanceAsync(hub, "P7D");
        var view = await hub.WaitForViewAsync(id, v => v["escalations"]!.AsArray().Count == 3);
        view["escalations"]!.AsArray().Select(e => e!["level"]!.GetValue<int>()).Should().Equal(1, 2, 3);

        (await hub.FeedbackAsync(id, Messages.Feedback("care-started", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        view = await hub.WaitForViewAsync(id, v => v["state"]!.GetValue<string>() == "care-started"
            && v["escalations"]!.AsArray().All(e => e!["resolvedAt"] is not null));
        view["history"]!.AsArray().Count(h => h!["event"]!.GetValue<string>() == "escalation-resolved").Should().Be(3);
    }

    [Fact]
    public async Task Two_hubs_on_one_database_fire_each_due_deadline_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var first = await TestHub.StartAsync(await SettingsAsync(connectionString));
        await using var second = await TestHub.StartAsync(await SettingsAsync(connectionString));

        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
            ids.Add(await (i % 2 == 0 ? first : second).SubmitAsync(Messages.Handover()));
        foreach (var id in ids)
            await first.WaitForStateAsync(id, "delivered");

        // Both instances' clocks pass the receipt deadline and both sweep at once.
        await Task.WhenAll(AdvanceAsync(first, "P3D"), AdvanceAsync(second, "P3D"));
        foreach (var id in ids)
            await first.WaitForViewAsync(id, v => v["escalations"]!.AsArray().Count >= 1);
        await Task.Delay(1500);

        await using var connection = new NpgsqlConnection(connectionString);
        var wakeUps = (await connection.QueryAsync<string>("SELECT body FROM outbox WHERE message_type = 'DeadlineReached'"))
            .Select(b => JsonNode.Parse(b)!["handoverId"]!.GetValue<string>()).ToList();
        wakeUps.Should().HaveCount(30, "each handover's one due time is claimed by exactly one instance");
        wakeUps.Should().OnlyHaveUniqueItems();
        foreach (var id in ids)
        {
            var view = await first.WaitForViewAsync(id, _ => true);
            view["history"]!.AsArray().Count(h => h!["event"]!.GetValue<string>() == "deadline-missed").Should().Be(1);
            view["escalations"]!.AsArray().Should().ContainSingle();
        }
    }

    static async Task AdvanceAsync(TestHub hub, string duration)
    {
        var response = await hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["advance"] = duration }));
        response.EnsureSuccessStatusCode();
    }
}
