using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Http;
using IntegrationHub.Hub.Persistence.Sagas;

namespace IntegrationHub.Hub.Escalation;

/// <summary>
/// Escalation on request and what follows a notice (the hub's additions to API.md, docs/escalation.md):
/// a party or the chain office escalates a handover on its content; addressees acknowledge notices; whoever holds
/// binding authority records a decision; bound parties report compliance; the one who asked settles.
/// </summary>
public static class EscalationEndpoints
{
    public static IEndpointRouteBuilder MapEscalations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/escalations", Request).WithTags("Escalations").RequireAuthorization(AccessPolicies.AgencyOrOperator).RequireJsonBody()
            .WithName("RequestEscalation").Produces<ApiReference.EscalationAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        var one = app.MapGroup("/api/handovers/{id:guid}/escalations/{escalationId:guid}").WithTags("Escalations");
        one.MapPost("/acknowledgement", Acknowledge).RequireAuthorization(AccessPolicies.Agency).RequireJsonBody(emptyAllowed: true).WithName("AcknowledgeNotice").Produces<ApiReference.EscalationAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        one.MapPost("/decision", Decide).RequireAuthorization(AccessPolicies.AgencyOrOperator).RequireJsonBody().WithName("RecordDecision").Produces<ApiReference.EscalationAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        one.MapPost("/compliance", Comply).RequireAuthorization(AccessPolicies.Agency).RequireJsonBody(emptyAllowed: true).WithName("ReportCompliance").Produces<ApiReference.EscalationAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        one.MapPost("/settlement", Settle).RequireAuthorization(AccessPolicies.AgencyOrOperator).RequireJsonBody(emptyAllowed: true).WithName("SettleEscalation").Produces<ApiReference.EscalationAccepted>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    sealed record RequestBody(Guid? HandoverId, Guid? MessageId, string? Reason, int? Level, string? About, string? Note);

    /// <summary>
    /// POST /api/escalations: a party of the handover (level 1; an unsafe situation may start at level 3) or an
    /// operator (any level). Idempotent on the caller's messageId.
    /// </summary>
    static async Task<IResult> Request(HttpContext http, HandoverStore store, HandoverStepRunner steps, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        if (await ReadAsync<RequestBody>(http) is not { } body)
            return Problems.Invalid("The escalation request is not readable", [new ValidationProblem("/", "is not a JSON object of the documented shape")]);
        var problems = new List<ValidationProblem>();
        if (body.HandoverId is null)
            problems.Add(new("/handoverId", "is required: the handover the escalation is about"));
        if (body.MessageId is null)
            problems.Add(new("/messageId", "is required: your idempotency key for this request"));
        if (body.Reason is null || !EscalationReasons.All.Contains(body.Reason))
            problems.Add(new("/reason", $"is required, one of {string.Join(", ", EscalationReasons.All)}"));
        if (body.Level is not (1 or 2 or 3))
            problems.Add(new("/level", "is required: 1 (operational), 2 (management) or 3 (administrative)"));
        if (body.About is not (null or "sender" or "receiver"))
            problems.Add(new("/about", "is sender or receiver: the party the escalation is about"));
        if (body.Note is { Length: > 2000 })
            problems.Add(new("/note", "is longer than 2000 characters"));
        if (problems.Count > 0)
            return Problems.Invalid("The escalation request is not valid", problems);

        var state = await store.LoadAsync(body.HandoverId!.Value, ct);
        if (state is null || (caller.IsAgency && caller.AgencyId != state.Sender && caller.AgencyId != state.Receiver))
            return Problems.UnknownHandover(body.HandoverId.Value);
        // Level 2 and up need the chain office (or a coordinator); the child's safety may go to the top at once.
        if (caller.IsAgency && body.Level > 1 && body.Reason != EscalationReasons.Unsafe)
            return Problems.Forbidden("/level", "a party escalates at level 1; level 2 and up need the chain office, unless the child is unsafe");
        var about = body.About switch
        {
            "sender" => state.Sender,
            "receiver" => state.Receiver,
            _ => caller.AgencyId == state.Receiver ? state.Sender : state.Receiver,
        };
        var escalationId = DeterministicId.From("escalation-request", $"{caller.AgencyId ?? caller.Actor}/{body.MessageId}");
        var run = await steps.RunAsync(state.CorrelationId, new EscalationRequested
        {
            HandoverId = state.CorrelationId, EscalationId = escalationId, Reason = body.Reason!, Level = body.Level!.Value,
            RequestedBy = caller.AgencyId ?? caller.Actor, About = about, Note = body.Note, At = clock.GetUtcNow(),
        }, null, ct);
        return run switch
        {
            null => Problems.UnknownHandover(state.CorrelationId),
            (StepOutcome.Refused r, _) => Results.Problem(title: "Does not fit the handover", detail: r.Reason, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Accepted($"/api/handovers/{state.CorrelationId}", new { escalationId, handoverId = state.CorrelationId, level = body.Level }),
        };
    }

    /// <summary>POST .../acknowledgement: an addressed agency has read the notice.</summary>
    static Task<IResult> Acknowledge(Guid id, Guid escalationId, HttpContext http, HandoverStore store, HandoverStepRunner steps, TimeProvider clock, CancellationToken ct) =>
        RunAsync(id, escalationId, http, store, steps, ct, (caller, _) => new NoticeAcknowledged
        {
            HandoverId = id, EscalationId = escalationId, AgencyId = caller.AgencyId!, By = caller.Actor, At = clock.GetUtcNow(),
        });

    sealed record DecisionBody(string? DecidedBy, string? Reference, List<BoundPartyBody>? BoundParties);

    sealed record BoundPartyBody(string? AgencyId, DateOnly? ComplyBy);

    /// <summary>POST .../decision: the chain office, or the agency addressed at the binding level, records the decision.</summary>
    static async Task<IResult> Decide(Guid id, Guid escalationId, HttpContext http, HandoverStore store, HandoverStepRunner steps, AgencyDirectory directory,
        TimeProvider clock, CancellationToken ct)
    {
        // Strangers learn nothing, not even what a decision must look like.
        if (await VisibleAsync(id, escalationId, http.Caller(), store, ct) is null)
            return UnknownEscalation(id, escalationId);
        if (await ReadAsync<DecisionBody>(http) is not { } body)
            return Problems.Invalid("The decision is not readable", [new ValidationProblem("/", "is not a JSON object of the documented shape")]);
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrWhiteSpace(body.DecidedBy) || body.DecidedBy.Length > 200)
            problems.Add(new("/decidedBy", "is required: who decided (a name and role, at most 200 characters)"));
        if (!Uri.TryCreate(body.Reference, UriKind.Absolute, out var reference) || reference.Scheme is not ("https" or "urn"))
            problems.Add(new("/reference", "is required: an https: or urn: reference to the decision's text, which stays with its author"));
        if (body.BoundParties is not { Count: > 0 })
            problems.Add(new("/boundParties", "names at least one party bound by the decision"));
        for (var i = 0; i < (body.BoundParties?.Count ?? 0); i++)
        {
            var party = body.BoundParties![i];
            if (party.AgencyId is null || !directory.Contains(party.AgencyId))
                problems.Add(new($"/boundParties/{i}/agencyId", "is not in the hub's agency directory"));
            if (party.ComplyBy is not { } complyBy || complyBy < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                problems.Add(new($"/boundParties/{i}/complyBy", "is required: a date from today on"));
        }
        if (problems.Count > 0)
            return Problems.Invalid("The decision is not valid", problems);
        return await RunAsync(id, escalationId, http, store, steps, ct, (caller, state) =>
        {
            var escalation = state.Escalations.FirstOrDefault(e => e.Id == escalationId);
            // An agency records only where it holds the binding authority: it is addressed at that level.
            if (caller.IsAgency && escalation?.Addressees.All(a => a.AgencyId != caller.AgencyId) != false)
                return null;
            return new DecisionRecorded
            {
                HandoverId = id, EscalationId = escalationId, DecisionId = DeterministicId.From("decision", escalationId.ToString()), DecidedBy = body.DecidedBy!,
                Reference = body.Reference!, RecordedBy = caller.AgencyId ?? caller.Actor, At = clock.GetUtcNow(),
                BoundParties = body.BoundParties!.Select(p => new BoundParty { AgencyId = p.AgencyId!, ComplyBy = p.ComplyBy!.Value }).ToList(),
            };
        });
    }

    sealed record NoteBody(string? Note);

    /// <summary>POST .../compliance: a party bound by the escalation's decision reports that it complied.</summary>
    static async Task<IResult> Comply(Guid id, Guid escalationId, HttpContext http, HandoverStore store, HandoverStepRunner steps, TimeProvider clock, CancellationToken ct)
    {
        var note = (await ReadAsync<NoteBody>(http))?.Note;
        return await RunAsync(id, escalationId, http, store, steps, ct, (caller, state) =>
            state.Escalations.FirstOrDefault(e => e.Id == escalationId)?.Decision is { } decision
                ? new ComplianceReported { HandoverId = id, DecisionId = decision.Id, AgencyId = caller.AgencyId!, By = caller.Actor, At = clock.GetUtcNow(), Note = Short(note) }
                : new ComplianceReported { HandoverId = id, DecisionId = Guid.Empty, AgencyId = caller.AgencyId!, By = caller.Actor, At = clock.GetUtcNow() });
    }

    /// <summary>POST .../settlement: the one who asked for an escalation on request (or the chain office) settles it.</summary>
    static async Task<IResult> Settle(Guid id, Guid escalationId, HttpContext http, HandoverStore store, HandoverStepRunner steps, TimeProvider clock, CancellationToken ct)
    {
        var note = (await ReadAsync<NoteBody>(http))?.Note;
        return await RunAsync(id, escalationId, http, store, steps, ct, (caller, state) =>
            caller.IsAgency && state.Escalations.FirstOrDefault(e => e.Id == escalationId)?.RequesterAgency != caller.AgencyId
                ? null
                : new RequestedEscalationClosed { HandoverId = id, EscalationId = escalationId, By = caller.AgencyId ?? caller.Actor, At = clock.GetUtcNow(), Note = Short(note) });
    }

    /// <summary>
    /// Runs one escalation event on its handover. Who may see the handover here: its parties, the agencies the
    /// escalation addresses, and operators; anyone else gets 404. <paramref name="build"/> answering null means
    /// the caller may see it but not do this (403).
    /// </summary>
    static async Task<IResult> RunAsync(Guid id, Guid escalationId, HttpContext http, HandoverStore store, HandoverStepRunner steps, CancellationToken ct,
        Func<Caller, HandoverState, object?> build)
    {
        var caller = http.Caller();
        if (await VisibleAsync(id, escalationId, caller, store, ct) is not { } state)
            return UnknownEscalation(id, escalationId);
        if (build(caller, state) is not { } message)
            return Problems.Forbidden("/", "this caller may see the escalation but not do this to it");
        var run = await steps.RunAsync(id, message, null, ct);
        return run switch
        {
            null => Problems.UnknownHandover(id),
            (StepOutcome.Refused r, _) => Results.Problem(title: "Does not fit the escalation", detail: r.Reason, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Accepted($"/api/handovers/{id}", new { handoverId = id, escalationId }),
        };
    }

    /// <summary>The handover, when the escalation is on it and the caller may see it: its parties, the agencies it addresses or binds, operators.</summary>
    static async Task<HandoverState?> VisibleAsync(Guid id, Guid escalationId, Caller caller, HandoverStore store, CancellationToken ct)
    {
        var state = await store.LoadAsync(id, ct);
        var escalation = state?.Escalations.FirstOrDefault(e => e.Id == escalationId);
        if (state is null || escalation is null)
            return null;
        var visible = !caller.IsAgency || caller.AgencyId == state.Sender || caller.AgencyId == state.Receiver
            || escalation.Addressees.Any(a => a.AgencyId == caller.AgencyId) || escalation.Decision?.BoundParties.Any(p => p.AgencyId == caller.AgencyId) == true;
        return visible ? state : null;
    }

    static IResult UnknownEscalation(Guid id, Guid escalationId) =>
        Results.Problem(title: "Unknown escalation", detail: $"no escalation {escalationId} on handover {id} that this caller may see", statusCode: StatusCodes.Status404NotFound);

    static string? Short(string? note) => note is { Length: > 2000 } ? note[..2000] : note;

    static async Task<T?> ReadAsync<T>(HttpContext http) where T : class
    {
        var body = await Http.RequestBody.ReadJsonAsync(http.Request, http.RequestAborted);
        if (string.IsNullOrWhiteSpace(body.Text))
            return typeof(T) == typeof(NoteBody) ? (T)(object)new NoteBody(null) : null;
        try
        {
            return JsonSerializer.Deserialize<T>(body.Text, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
}
