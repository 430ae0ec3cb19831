using IntegrationHub.Hub.Feedback;
using IntegrationHub.Hub.Http;

namespace IntegrationHub.Hub.Handover;

/// <summary>The handover calls of the public contract (API.md).</summary>
public static class HandoverEndpoints
{
    public static IEndpointRouteBuilder MapHandovers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/handovers").WithTags("Handovers");

        group.MapPost("/", async (HttpRequest request, HandoverIntake intake, CancellationToken ct) =>
        {
            var json = await RequestBody.ReadJsonAsync(request, ct);
            if (json is null)
                return Problems.TooLarge(RequestBody.MaxJsonBytes);
            return Problems.From(await intake.SubmitAsync(json, "api:handovers", ct), "The handover is not valid");
        });

        group.MapGet("/{id:guid}", async (Guid id, HandoverViews views, CancellationToken ct) =>
            await views.FindAsync(id, ct) is { } view
                ? Results.Ok(view)
                : Results.Problem(title: "Unknown handover", detail: $"no handover {id}", statusCode: StatusCodes.Status404NotFound));

        group.MapPost("/{id:guid}/feedback", async (Guid id, HttpRequest request, FeedbackIntake intake, CancellationToken ct) =>
        {
            var json = await RequestBody.ReadJsonAsync(request, ct);
            if (json is null)
                return Problems.TooLarge(RequestBody.MaxJsonBytes);
            var result = await intake.SubmitAsync(id, json, "api:feedback", ct);
            // API.md: feedback answers 202, a repeated messageId included.
            return result is IntakeResult.Accepted a
                ? Results.Accepted($"/api/handovers/{id}", new { handoverId = a.HandoverId, state = a.State, duplicate = a.Duplicate })
                : Problems.From(result, "The feedback is not valid");
        });
        return app;
    }
}
