using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Health;

/// <summary>GET /health: 200 when the broker answers and the database answers reads and writes; 503 naming what is down, never where.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHubHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (HubDatabase database, BrokerHealth broker, CancellationToken ct) =>
        {
            var probe = await DatabaseProbe.CheckAsync(database, ct);
            var databaseStatus = probe.Read != DatabaseProbe.Up ? probe.Read : probe.Write;
            var brokerStatus = await broker.StatusAsync(ct);
            var body = new
            {
                status = probe.IsUp && brokerStatus == "up" ? "up" : "down",
                database = new { provider = database.Provider.ToString().ToLowerInvariant(), status = databaseStatus, read = probe.Read, write = probe.Write },
                broker = new { transport = broker.Transport, status = brokerStatus },
            };
            return body.status == "up" ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").AllowAnonymous()
            .WithName("Health").WithSummary("Whether the broker and the database answer (reads and writes)")
            .Produces<ApiReference.HealthAnswer>().Produces<ApiReference.HealthAnswer>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
