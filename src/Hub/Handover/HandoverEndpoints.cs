using IntegrationHub.Hub.Feedback;
using IntegrationHub.Hub.Http;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.Handover;

/// <summary>The handover calls of the public contract (API.md).</summary>
public static class HandoverEndpoints
{
    public static IEndpointRouteBuilder MapHandovers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/handovers").WithTags("Handovers");

        group.MapPost("/", async (HttpRequest request, HandoverIntake intake, RejectStore rejects, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadJsonAsync(request, ct);
            if (await Unreadable(body, "api:handovers", "The handover is not valid", rejects, ct) is { } refusal)
                return refusal;
            return Problems.From(await intake.SubmitAsync(body.Text!, "api:handovers", ct), "The handover is not valid");
        });

        group.MapGet("/{id:guid}", async (Guid id, HandoverViews views, CancellationToken ct) =>
            await views.FindAsync(id, ct) is { } view
                ? Results.Ok(view)
                : Results.Problem(title: "Unknown handover", detail: $"no handover {id}", statusCode: StatusCodes.Status404NotFound));

        group.MapPost("/{id:guid}/feedback", async (Guid id, HttpRequest request, FeedbackIntake intake, RejectStore rejects, CancellationToken ct) =>
        {
            var body = await RequestBody.ReadJsonAsync(request, ct);
            if (await Unreadable(body, "api:feedback", "The feedback is not valid", rejects, ct) is { } refusal)
                return refusal;
            var result = await intake.SubmitAsync(id, body.Text!, "api:feedback", ct);
            // API.md: feedback answers 202, a repeated messageId included.
            return result is IntakeResult.Accepted a
                ? Results.Accepted($"/api/handovers/{id}", new { handoverId = a.HandoverId, state = a.State, duplicate = a.Duplicate })
                : Problems.From(result, "The feedback is not valid");
        });
        return app;
    }

    /// <summary>A body too large or not UTF-8: refused before intake, and kept (when it fit) for operators.</summary>
    static async Task<IResult?> Unreadable(BodyText body, string channel, string title, RejectStore rejects, CancellationToken ct)
    {
        if (body.TooLarge)
            return Problems.TooLarge(RequestBody.MaxJsonBytes);
        if (body.EncodingProblem is not { } problem)
            return null;
        await rejects.AddAsync(channel, null, "application/json", [problem], body.Bytes, ct);
        return Problems.Invalid(title, [problem]);
    }
}
