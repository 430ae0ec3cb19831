using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.ApiReference;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Http;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Rejects;

namespace IntegrationHub.Hub.Signals;

/// <summary>
/// The referral index's calls (API.md, Signals and matches), each for agency systems acting as themselves: a signal
/// is the signalling agency's, a match its parties', and anyone else learns nothing (404). The hub's additions
/// (docs/chain.md): confirming a match's contact.
/// </summary>
public static class SignalEndpoints
{
    public static IEndpointRouteBuilder MapSignals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/signals").WithTags("Signals").RequireAuthorization(AccessPolicies.Agency);
        group.MapPost("/", Signal).RequireJsonBody()
            .WithName("Signal").WithSummary("Signal a concern about a child in the referral index (verwijsindex)")
            .WithContractBody("signal.schema.json", "A signal; agencyId must be the caller. No concern: only that this agency is involved.")
            .Produces<SignalAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/matches", Matches)
            .WithName("ListMatches").WithSummary("The caller's own matches: whom to contact about a child or family it signalled");
        group.MapDelete("/{signalId:guid}", Withdraw)
            .WithName("WithdrawSignal").WithSummary("Withdraw the caller's own signal")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/matches/{matchId:guid}/contact", ConfirmContact).RequireJsonBody(emptyAllowed: true)
            .WithName("ConfirmMatchContact").WithSummary("Confirm the caller contacted a match's other parties (the hub's addition)")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>POST /api/signals: 202 {signalId, matched}; the same messageId again the first answer.</summary>
    static async Task<IResult> Signal(HttpContext http, SignalIntake intake, RejectStore rejects, CancellationToken ct)
    {
        var caller = http.Caller();
        var body = await RequestBody.ReadJsonAsync(http.Request, ct);
        if (body.TooLarge)
            return Problems.TooLarge(RequestBody.MaxJsonBytes);
        if (body.EncodingProblem is { } problem)
        {
            await rejects.AddAsync(SignalIntake.Channel, caller.AgencyId, "application/json", [problem], body.Bytes, ct);
            return Problems.Invalid("The signal is not valid", [problem]);
        }
        return await intake.SubmitAsync(body.Text!, caller, ct) switch
        {
            SignalResult.Accepted a => Results.Json(new SignalAccepted(a.SignalId, a.Matched, a.Duplicate), statusCode: StatusCodes.Status202Accepted),
            SignalResult.Invalid i => Problems.Invalid("The signal is not valid", i.Problems),
            SignalResult.Forbidden f => Problems.Forbidden(f.Path, f.Reason),
            SignalResult.Conflict c => Results.Problem(title: "messageId already used", detail: c.Reason, statusCode: StatusCodes.Status409Conflict),
            var other => throw new InvalidOperationException(other.ToString()),
        };
    }

    /// <summary>GET /api/signals/matches: the caller's own matches only; the lookup is a delivery-log entry.</summary>
    static async Task<IResult> Matches(HttpContext http, MatchQueries queries, CancellationToken ct) =>
        Results.Ok(new { matches = await queries.ForAgencyAsync(http.Caller().AgencyId!, ct) });

    /// <summary>DELETE /api/signals/{signalId}: the agency that made it withdraws it; 404 for anyone else.</summary>
    static async Task<IResult> Withdraw(Guid signalId, HttpContext http, HubDatabase database, SignalRemoval removal, TimeProvider clock, CancellationToken ct)
    {
        var agency = http.Caller().AgencyId!;
        var removed = await database.WriteAsync(async scope =>
        {
            var owner = await Dapper.SqlMapper.QuerySingleOrDefaultAsync<string>(scope.Connection, "SELECT agency FROM signals WHERE signal_id = @Id",
                new { Id = signalId.ToString() }, scope.Transaction);
            if (owner != agency)
                return false;
            await removal.RemoveAsync(scope, signalId, DeliveryOutcomes.Withdrawn, clock.GetUtcNow());
            return true;
        }, ct);
        return removed ? Results.NoContent() : UnknownSignal(signalId);
    }

    /// <summary>POST /api/signals/matches/{matchId}/contact: a party confirms it made contact with the others.</summary>
    static async Task<IResult> ConfirmContact(Guid matchId, HttpContext http, HubDatabase database, OutboxSignal outbox, Email.PeopleMailPlanner people,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var done = await database.WriteAsync(async scope =>
        {
            var mail = new ChainMail(people);
            var confirmed = await MatchQueries.ConfirmContactAsync(scope, mail, matchId, caller.AgencyId!, caller.Actor, clock.GetUtcNow());
            await mail.WriteAsync(scope);
            return confirmed;
        }, ct);
        if (!done)
            return Results.Problem(title: "Unknown match", detail: $"no match {matchId} of this agency", statusCode: StatusCodes.Status404NotFound);
        outbox.Notify();
        return Results.Accepted(value: new { matchId, contactConfirmed = true });
    }

    static IResult UnknownSignal(Guid id) =>
        Results.Problem(title: "Unknown signal", detail: $"no signal {id} of this agency", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The answer to POST /api/signals (API.md): the signal's id and whether it matched; a repeat says duplicate.</summary>
    public sealed record SignalAccepted(Guid SignalId, bool Matched, bool Duplicate);
}
