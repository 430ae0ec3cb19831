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
            // whatever the sweep meets, so the answer is never "nothing changed": a sweep that meets a busy or
            // deadlocked database (several sweepers and the scheduled sweep claim side by side) is run again, and
            // after that the due work is left to the scheduled sweep.
            int? woken = null;
            for (var attempt = 1; woken is null; attempt++)
            {
                try
                {
                    woken = await sweep.RunAsync(ct);
                }
                catch (Exception e) when (Http.Unavailable.IsDatabase(e) && !ct.IsCancellationRequested)
                {
                    if (attempt == 3)
                    {
                        logger.LogWarning("The clock moved; its sweep met an unavailable database three times ({Exception}), the scheduled sweep will wake what is due",
                            e.GetType().Name);
                        break;
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct);
                }
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
