using Dapper;
using IntegrationHub.Hub.Persistence;
using MassTransit;

namespace IntegrationHub.Hub.Health;

/// <summary>GET /health: 200 when the broker and the database answer, 503 naming what is down.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHubHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (HubDatabase database, IBusControl bus, HubTransportInfo transport, CancellationToken ct) =>
        {
            var databaseStatus = await DatabaseStatusAsync(database, ct);
            var busHealth = bus.CheckHealth();
            var brokerStatus = busHealth.Status == BusHealthStatus.Healthy ? "up" : $"down: {busHealth.Description}";
            var body = new
            {
                status = databaseStatus == "up" && brokerStatus == "up" ? "up" : "down",
                database = new { provider = database.Provider.ToString().ToLowerInvariant(), status = databaseStatus },
                broker = new { transport = transport.Name, status = brokerStatus },
            };
            return body.status == "up" ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").AllowAnonymous();
        return app;
    }

    static async Task<string> DatabaseStatusAsync(HubDatabase database, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var connection = await database.OpenAsync(timeout.Token);
            await connection.ExecuteScalarAsync<int>("SELECT 1");
            return "up";
        }
        catch (Exception e)
        {
            return $"down: {e.GetType().Name}: {e.Message}";
        }
    }
}

/// <summary>Which transport this hub runs on, for /health and the start-up log.</summary>
public sealed record HubTransportInfo(string Name);
