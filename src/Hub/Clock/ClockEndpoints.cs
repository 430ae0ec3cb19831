using System.Xml;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Http;

namespace IntegrationHub.Hub.Clock;

/// <summary>
/// POST /api/admin/clock moves the simulated clock (API.md). It acts only when Hub:Clock:Simulated is true;
/// otherwise it answers 404 (mapped all the same, so the API description lists the call with that answer).
/// </summary>
public static class ClockEndpoints
{
    public static IEndpointRouteBuilder MapSimulatedClock(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/clock", (TimeProvider clock) => clock is SimulatedClock ? Results.Ok(new { now = clock.GetUtcNow() }) : NotEnabled())
            .WithTags("Admin").RequireAuthorization(AccessPolicies.Operator)
            .WithName("ReadClock").WithSummary("The simulated clock's time").Produces<ApiReference.ClockAnswer>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost("/api/admin/clock", async (ClockRequest request, TimeProvider clock, DeadlineSweep sweep, ILogger<ClockRequest> logger, CancellationToken ct) =>
        {
            if (clock is not SimulatedClock simulated)
                return NotEnabled();
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
            // Whatever came due by the new time is woken now, not at the next sweep interval. The clock has moved
            // whatever the sweep meets, so the answer is never "nothing changed": a database that is unavailable now
            // leaves the due work to the scheduled sweep. Not retried here: the sweep's units already run again what
            // PostgreSQL rolls back to break a deadlock, and on SQLite every write waits its turn in one writer.
            int? woken = null;
            try
            {
                woken = await sweep.RunAsync(ct);
            }
            catch (Exception e) when (Http.Unavailable.IsDatabase(e) && !ct.IsCancellationRequested)
            {
                logger.LogWarning("The clock moved; its sweep met an unavailable database ({Exception}), the scheduled sweep will wake what is due",
                    e.GetType().Name);
            }
            return Results.Ok(new { now = clock.GetUtcNow(), woken });
        }).WithTags("Admin").RequireAuthorization(AccessPolicies.Operator).RequireJsonBody()
            .WithName("MoveClock").WithSummary("Move the simulated clock: {\"advance\": \"P3D\"} (ISO-8601 duration) or {\"to\": date-time}")
            .Produces<ApiReference.ClockAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    static IResult NotEnabled() =>
        Results.Problem(title: "No simulated clock", detail: "this hub runs on the real clock (Hub:Clock:Simulated is false)", statusCode: StatusCodes.Status404NotFound);

    public sealed record ClockRequest(string? Advance, DateTimeOffset? To);
}
