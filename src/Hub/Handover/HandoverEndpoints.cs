using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.ApiReference;
using IntegrationHub.Hub.Feedback;
using IntegrationHub.Hub.Http;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.Handover;

/// <summary>The handover calls of the public contract (API.md): the route table first, the handlers below.</summary>
public static class HandoverEndpoints
{
    public static IEndpointRouteBuilder MapHandovers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/handovers").WithTags("Handovers");
        group.MapPost("/", Submit).RequireAuthorization(AccessPolicies.Agency).RequireJsonBody()
            .WithName("SubmitHandover").WithSummary("Hand a child over (overdracht)")
            .WithContractBody("handover.schema.json", "A handover in the canonical format; sender.agencyId must be the caller.")
            .Produces<HandoverAccepted>(StatusCodes.Status202Accepted).Produces<HandoverAccepted>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/{id:guid}", View).RequireAuthorization(AccessPolicies.Reader)
            .WithName("ViewHandover").WithSummary("A handover's state, deadlines, escalations and history")
            .Produces<HandoverView>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/feedback", GiveFeedback).RequireAuthorization(AccessPolicies.Agency).RequireJsonBody()
            .WithName("GiveFeedback").WithSummary("Answer a handover (terugkoppeling): receipt, care started, rejection, withdrawal, ...")
            .WithContractBody("feedback.schema.json", "Feedback in the canonical format; by.agencyId must be the caller.")
            .Produces<FeedbackAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    /// <summary>POST /api/handovers: the sending agency hands a child over (overdracht).</summary>
    static async Task<IResult> Submit(HttpContext http, HandoverIntake intake, RejectStore rejects, Retour.Retours retours, CancellationToken ct)
    {
        var caller = http.Caller();
        var body = await RequestBody.ReadJsonAsync(http.Request, ct);
        if (await Unreadable(body, "api:handovers", caller, null, "The handover is not valid", rejects, retours, ct) is { } refusal)
            return refusal;
        return Problems.From(await intake.SubmitAsync(body.Text!, caller, "api:handovers", ct), "The handover is not valid");
    }

    /// <summary>GET /api/handovers/{id}: its parties, operators and auditors; 404 for anyone else.</summary>
    static async Task<IResult> View(Guid id, HttpContext http, HandoverViews views, CancellationToken ct)
    {
        var caller = http.Caller();
        return await views.FindAsync(id, ct) is { } view && (!caller.IsAgency || caller.AgencyId == view.Sender || caller.AgencyId == view.Receiver)
            ? Results.Ok(view)
            : Problems.UnknownHandover(id);
    }

    /// <summary>POST /api/handovers/{id}/feedback: the receiver answers (terugkoppeling); the sender may withdraw.</summary>
    static async Task<IResult> GiveFeedback(Guid id, HttpContext http, FeedbackIntake intake, RejectStore rejects, Retour.Retours retours, CancellationToken ct)
    {
        var caller = http.Caller();
        var body = await RequestBody.ReadJsonAsync(http.Request, ct);
        if (await Unreadable(body, "api:feedback", caller, id, "The feedback is not valid", rejects, retours, ct) is { } refusal)
            return refusal;
        var result = await intake.SubmitAsync(id, body.Text!, caller, "api:feedback", ct);
        // API.md: feedback answers 202, a repeated messageId included.
        return result is IntakeResult.Accepted a
            ? Results.Accepted($"/api/handovers/{id}", new { handoverId = a.HandoverId, state = a.State, duplicate = a.Duplicate })
            : Problems.From(result, "The feedback is not valid");
    }

    /// <summary>A body too large or not UTF-8: refused before intake, and kept (when it fit) for operators.</summary>
    /// <remarks>A body that could not be read as text is answered with a retour (0001) too; one too large is not read at all.</remarks>
    static async Task<IResult?> Unreadable(BodyText body, string channel, Caller caller, Guid? handoverId, string title, RejectStore rejects, Retour.Retours retours,
        CancellationToken ct)
    {
        if (body.TooLarge)
            return Problems.TooLarge(RequestBody.MaxJsonBytes);
        if (body.EncodingProblem is not { } problem)
            return null;
        await rejects.AddAsync(channel, caller.AgencyId, "application/json", [problem], body.Bytes, ct, handoverId);
        if (caller.AgencyId is { } agency && body.Bytes is { } bytes)
            await retours.AnswerAsync(new Retour.InboundOrigin(agency), Retour.Retours.BodyKey(bytes),
                Retour.RetourAnswers.Refused(Retour.Retours.BodyMessageId(bytes), null, Retour.RetourAnswers.Unreadable([problem])), null, ct);
        return Problems.Invalid(title, [problem]);
    }
}
