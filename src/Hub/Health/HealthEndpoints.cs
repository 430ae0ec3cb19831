using System.Text.RegularExpressions;
using IntegrationHub.Hub.Persistence;
using MassTransit;

namespace IntegrationHub.Hub.Health;

/// <summary>GET /health: 200 when the broker answers and the database answers reads and writes; 503 naming what is down, never where.</summary>
public static partial class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHubHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (HubDatabase database, IBusControl bus, HubTransportInfo transport, CancellationToken ct) =>
        {
            var probe = await DatabaseProbe.CheckAsync(database, ct);
            var databaseStatus = probe.Read != DatabaseProbe.Up ? probe.Read : probe.Write;
            var busHealth = bus.CheckHealth();
            var brokerStatus = busHealth.Status == BusHealthStatus.Healthy ? "up" : $"down: {WithoutAddresses(busHealth.Description)}";
            var body = new
            {
                status = probe.IsUp && brokerStatus == "up" ? "up" : "down",
                database = new { provider = database.Provider.ToString().ToLowerInvariant(), status = databaseStatus, read = probe.Read, write = probe.Write },
                broker = new { transport = transport.Name, status = brokerStatus },
            };
            return body.status == "up" ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").AllowAnonymous();
        return app;
    }

    /// <summary>The bus names its endpoints by address (rabbitmq://host/queue): say which queue, not which host.</summary>
    internal static string WithoutAddresses(string? description) =>
        Address().Replace(description ?? "not connected", m => m.Groups["path"].Value is { Length: > 0 } path ? path : "(address withheld)");

    [GeneratedRegex(@"\b[a-z][a-z0-9+.\-]*://[^/\s]*(?<path>/[^\s,;]*)?", RegexOptions.IgnoreCase)]
    private static partial Regex Address();
}

/// <summary>Which transport this hub runs on, for /health and the start-up log.</summary>
public sealed record HubTransportInfo(string Name);
