using System.Xml;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Http;

namespace IntegrationHub.Hub.Clock;

/// <summary>
/// POST /api/admin/clock moves the simulated clock (API.md). It exists only when Hub:Clock:Simulated
/// is true; otherwise the route is not mapped and answers 404.
/// </summary>
public static class ClockEndpoints
{
    public static IEndpointRouteBuilder MapSimulatedClock(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<TimeProvider>() is not SimulatedClock)
            return app;

        app.MapGet("/api/admin/clock", (TimeProvider clock) => Results.Ok(new { now = clock.GetUtcNow() })).WithTags("Admin")
            .RequireAuthorization(AccessPolicies.Operator);
        app.MapPost("/api/admin/clock", async (ClockRequest request, TimeProvider clock, DeadlineSweep sweep, CancellationToken ct) =>
        {
            var simulated = (SimulatedClock)clock;
            try
            {
                if (request.Advance is { } advance)
                    simulated.Advance(XmlConvert.ToTimeSpan(advance));
                else if (request.To is { } to)
                    simulated.Set(to);
                else
                    return Results.Problem(title: "Nothing to do", detail: "give 'advance' (ISO-8601 duration such as P3D or PT4H) or 'to' (a date-time)", statusCode: 400);
            }
            catch (FormatException)
            {
                return Results.Problem(title: "Not a duration", detail: $"'{request.Advance}' is not an ISO-8601 duration such as P3D or PT4H", statusCode: 400);
            }
            catch (ArgumentOutOfRangeException e)
            {
                return Results.Problem(title: "The clock only moves forward", detail: e.Message, statusCode: 400);
            }
            // Whatever came due by the new time is woken now, not at the next sweep interval.
            var woken = await sweep.RunAsync(ct);
            return Results.Ok(new { now = clock.GetUtcNow(), woken });
        }).WithTags("Admin").RequireAuthorization(AccessPolicies.Operator).RequireJsonBody();
        return app;
    }

    public sealed record ClockRequest(string? Advance, DateTimeOffset? To);
}
