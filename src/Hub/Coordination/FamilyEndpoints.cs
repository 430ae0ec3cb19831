using System.Text.Json;
using Dapper;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Email;
using IntegrationHub.Hub.Http;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Signals;

namespace IntegrationHub.Hub.Coordination;

/// <summary>
/// The family's calls (the hub's additions, docs/chain.md): its parties read who coordinates and the plan; the agency
/// asked to coordinate answers; the coordinator registers and reviews the plan; a party reports an action done; a
/// party or the chain office reports stagnation. Strangers get 404; a party doing what is another's gets 403. The
/// chain office reads a family, with a stated purpose that is logged, at /api/operator/families/{familyId}.
/// </summary>
public static class FamilyEndpoints
{
    /// <summary>Why an operator looks at a family; the delivery log keeps it with the look.</summary>
    public static readonly IReadOnlyList<string> Purposes = ["coordination", "escalation", "follow-up", "complaint", "data-subject-request", "audit"];

    static readonly string[] StagnationReasons =
        [EscalationReasons.NoContact, EscalationReasons.Disagreement, EscalationReasons.AgreementsNotKept, EscalationReasons.NoCapacity, EscalationReasons.NoResult];

    public static IEndpointRouteBuilder MapFamilies(this IEndpointRouteBuilder app)
    {
        var family = app.MapGroup("/api/families/{familyId:guid}").WithTags("Families");
        family.MapGet("/", View).RequireAuthorization(AccessPolicies.Agency);
        family.MapPost("/coordination", Coordinate).RequireAuthorization(AccessPolicies.Agency).RequireJsonBody();
        family.MapPost("/plan", Plan).RequireAuthorization(AccessPolicies.Agency).RequireJsonBody();
        family.MapPost("/plan/actions/{actionId:guid}/done", Done).RequireAuthorization(AccessPolicies.Agency).RequireJsonBody(emptyAllowed: true);
        family.MapPost("/stagnation", Stagnate).RequireAuthorization(AccessPolicies.AgencyOrOperator).RequireJsonBody();

        var chain = app.MapGroup("/api/operator").WithTags("Operator").RequireAuthorization(AccessPolicies.Operator);
        chain.MapGet("/chain", async (ChainOverview overview, CancellationToken ct) => Results.Ok(await overview.ReadAsync(ct)));
        chain.MapGet("/families/{familyId:guid}", OperatorView);
        return app;
    }

    /// <summary>GET /api/families/{familyId}: a party's view (who coordinates, the plan, its own matches).</summary>
    static async Task<IResult> View(Guid familyId, HttpContext http, FamilyViews views, CancellationToken ct) =>
        await views.ForPartyAsync(familyId.ToString(), http.Caller().AgencyId!, ct) is { } view ? Results.Ok(view) : UnknownFamily(familyId);

    /// <summary>GET /api/operator/families/{familyId}?purpose=...: everything the hub holds on the family; each look is logged with its purpose.</summary>
    static async Task<IResult> OperatorView(Guid familyId, string? purpose, HttpContext http, FamilyViews views, IDeliveryLog log, TimeProvider clock, CancellationToken ct)
    {
        if (purpose is null || !Purposes.Contains(purpose))
            return Problems.Invalid("A purpose is required", [new ValidationProblem("/purpose", $"is required, one of {string.Join(", ", Purposes)}: why you look")]);
        var view = await views.ForOperatorAsync(familyId.ToString(), ct);
        await log.AppendAsync(new DeliveryLogEntry
        {
            At = clock.GetUtcNow(), MessageId = Guid.NewGuid(), Kind = "lookup:family", Purpose = purpose,
            PayloadSha256 = PayloadHash.OfJson($"{{\"familyId\":\"{familyId}\",\"found\":{(view is null ? "false" : "true")}}}"),
            Outcome = DeliveryOutcomes.Viewed, Channel = "operator:" + http.Caller().Actor,
        }, cancellationToken: ct);
        return view is null ? UnknownFamily(familyId) : Results.Ok(view);
    }

    sealed record ProfessionalBody(string? Name, string? Role, string? Phone, string? Email);

    sealed record CoordinationBody(string? Decision, string? Reason, ProfessionalBody? Professional);

    /// <summary>POST /api/families/{familyId}/coordination: the agency asked accepts (naming who coordinates) or declines (saying why).</summary>
    static async Task<IResult> Coordinate(Guid familyId, HttpContext http, HubDatabase database, CoordinatorAssignments coordination, OutboxSignal outbox,
        PeopleMailPlanner people, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        if (!await IsPartyAsync(database, familyId, caller.AgencyId!, clock, ct))
            return UnknownFamily(familyId);
        if (await ReadAsync<CoordinationBody>(http) is not { } body)
            return Unreadable("The answer");
        var problems = new List<ValidationProblem>();
        if (body.Decision is not ("accept" or "decline"))
            problems.Add(new("/decision", "is required: accept or decline"));
        if (body.Decision == "decline" && string.IsNullOrWhiteSpace(body.Reason))
            problems.Add(new("/reason", "is required to decline: the chain office reads why"));
        if (body.Reason is { Length: > 2000 })
            problems.Add(new("/reason", "is longer than 2000 characters"));
        if (body.Decision == "accept" && string.IsNullOrWhiteSpace(body.Professional?.Name))
            problems.Add(new("/professional/name", "is required to accept: who coordinates, for the other parties to call"));
        problems.AddRange(Lengths(body.Professional, "/professional"));
        if (problems.Count > 0)
            return Problems.Invalid("The answer is not valid", problems);
        var professional = body.Professional is { Name: { } name } p ? new ProfessionalContact(name, p.Role, p.Phone, p.Email) : null;
        var refusal = await database.WriteAsync(async scope =>
        {
            await ChainLocks.LockAsync(scope, ["family:" + familyId]);
            var mail = new ChainMail(people);
            var why = await coordination.DecideAsync(scope, mail, familyId.ToString(), caller.AgencyId!, body.Decision == "accept", body.Reason, professional, clock.GetUtcNow());
            await mail.WriteAsync(scope);
            return why;
        }, ct);
        if (refusal is not null)
            return Problems.Forbidden("/decision", refusal);
        outbox.Notify();
        return Results.Accepted($"/api/families/{familyId}", new { familyId, decision = body.Decision });
    }

    sealed record GoalBody(string? Title);

    sealed record ActionBody(Guid? Id, string? Party, string? Title, DateOnly? Due);

    sealed record ContactBody(string? AgencyId, string? Name, string? Role, string? Phone, string? Email);

    sealed record NarrativeBody(string? Uri, string? Sha256);

    sealed record PlanBody(Guid? MessageId, List<GoalBody>? Goals, List<ActionBody>? Actions, ContactBody? ContactPerson, NarrativeBody? Narrative);

    /// <summary>POST /api/families/{familyId}/plan: the coordinator registers the plan, or reviews it by registering it again.</summary>
    static async Task<IResult> Plan(Guid familyId, HttpContext http, HubDatabase database, FamilyPlans plans, AgencyDirectory directory, OutboxSignal outbox,
        PeopleMailPlanner people, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var agency = caller.AgencyId!;
        if (!await IsPartyAsync(database, familyId, agency, clock, ct))
            return UnknownFamily(familyId);
        var raw = await RequestBody.ReadJsonAsync(http.Request, ct);
        if (raw.TooLarge)
            return Problems.TooLarge(RequestBody.MaxJsonBytes);
        if (raw.EncodingProblem is { } unreadable)
            return Problems.Invalid("The plan is not readable", [unreadable]);
        if (Deserialize<PlanBody>(raw.Text) is not { } body)
            return Unreadable("The plan");
        var today = DateOnly.FromDateTime(Calendar.AmsterdamTime.ToLocal(clock.GetUtcNow()).DateTime);
        var problems = new List<ValidationProblem>();
        if (body.MessageId is null)
            problems.Add(new("/messageId", "is required: your idempotency key for this version of the plan"));
        if (body.Goals is not { Count: > 0 and <= 20 })
            problems.Add(new("/goals", "lists 1 to 20 goals"));
        for (var i = 0; i < (body.Goals?.Count ?? 0); i++)
            if (body.Goals![i].Title is not { Length: > 0 and <= 200 } title || string.IsNullOrWhiteSpace(title))
                problems.Add(new($"/goals/{i}/title", "is required: a short title (at most 200 characters); the narrative stays in your own system"));
        if (body.Actions is not { Count: > 0 and <= 50 })
            problems.Add(new("/actions", "lists 1 to 50 actions: who does what, by when"));
        for (var i = 0; i < (body.Actions?.Count ?? 0); i++)
        {
            var a = body.Actions![i];
            if (a.Party is null || !directory.Contains(a.Party))
                problems.Add(new($"/actions/{i}/party", "is required: an agency in the hub's directory that owes the action"));
            if (a.Title is not { Length: > 0 and <= 200 } || string.IsNullOrWhiteSpace(a.Title))
                problems.Add(new($"/actions/{i}/title", "is required: a short title (at most 200 characters)"));
            if (a.Due is not { } due || due < today)
                problems.Add(new($"/actions/{i}/due", "is required: a date from today on (yyyy-MM-dd)"));
        }
        var contact = body.ContactPerson;
        if (contact?.AgencyId is null || !directory.Contains(contact.AgencyId))
            problems.Add(new("/contactPerson/agencyId", "is required: the agency the family's contact person works for"));
        if (string.IsNullOrWhiteSpace(contact?.Name))
            problems.Add(new("/contactPerson/name", "is required: the family's contact person"));
        problems.AddRange(Lengths(contact is null ? null : new ProfessionalBody(contact.Name, contact.Role, contact.Phone, contact.Email), "/contactPerson"));
        if (!Uri.TryCreate(body.Narrative?.Uri, UriKind.Absolute, out var narrative) || narrative.Scheme is not ("https" or "urn") || body.Narrative!.Uri!.Length > 500)
            problems.Add(new("/narrative/uri", "is required: an https: or urn: reference to the plan's text in your own system"));
        if (body.Narrative?.Sha256 is not { Length: 64 } sha || !sha.All(Uri.IsHexDigit) || sha.Any(char.IsUpper))
            problems.Add(new("/narrative/sha256", "is required: the SHA-256 of the plan's text, 64 lowercase hexadecimal characters"));
        if (problems.Count > 0)
            return Problems.Invalid("The plan is not valid", problems);

        var registration = new PlanRegistration(body.Goals!.Select(g => g.Title!.Trim()).ToList(),
            body.Actions!.Select(a => new PlanActionRegistration(a.Id, a.Party!, a.Title!.Trim(), a.Due!.Value)).ToList(),
            new PlanContact(contact!.AgencyId!, contact.Name!, contact.Role, contact.Phone, contact.Email), narrative!, body.Narrative!.Sha256!);
        var sha256 = PayloadHash.OfJson(raw.Text!);
        var result = await database.WriteAsync<IResult>(async scope =>
        {
            await ChainLocks.LockAsync(scope, ["family:" + familyId]);
            var family = familyId.ToString();
            if (await FamilyAccess.CoordinatorAsync(scope.Connection, scope.Transaction, family) != agency)
                return Problems.Forbidden("/", "only the family's coordinator (who accepted the coordination) registers its plan");
            var earlier = await scope.Connection.QuerySingleOrDefaultAsync<(string Sha, long Version)?>(
                "SELECT payload_sha256, version FROM plan_submissions WHERE family_id = @Family AND message_id = @MessageId",
                new { Family = family, MessageId = body.MessageId.ToString() }, scope.Transaction);
            if (earlier is { } e)
                return e.Sha == sha256
                    ? Results.Ok(new { familyId, version = e.Version, duplicate = true })
                    : Results.Problem(title: "messageId already used", detail: "this messageId was used for another version of the plan", statusCode: StatusCodes.Status409Conflict);
            var mail = new ChainMail(people);
            var (version, actions) = await plans.RegisterAsync(scope, mail, family, agency, registration, clock.GetUtcNow());
            await scope.Connection.ExecuteAsync(
                "INSERT INTO plan_submissions (family_id, message_id, payload_sha256, version) VALUES (@Family, @MessageId, @Sha, @Version)",
                new { Family = family, MessageId = body.MessageId.ToString(), Sha = sha256, Version = version }, scope.Transaction);
            await mail.WriteAsync(scope);
            return Results.Accepted($"/api/families/{familyId}", new { familyId, version, actions });
        }, ct);
        outbox.Notify();
        return result;
    }

    /// <summary>POST .../plan/actions/{actionId}/done: the party that owes the action (or the coordinator) reports it done.</summary>
    static async Task<IResult> Done(Guid familyId, Guid actionId, HttpContext http, HubDatabase database, OutboxSignal outbox, PeopleMailPlanner people,
        TimeProvider clock, CancellationToken ct)
    {
        var agency = http.Caller().AgencyId!;
        if (!await IsPartyAsync(database, familyId, agency, clock, ct))
            return UnknownFamily(familyId);
        var refusal = await database.WriteAsync(async scope =>
        {
            await ChainLocks.LockAsync(scope, ["family:" + familyId]);
            var coordinator = await FamilyAccess.CoordinatorAsync(scope.Connection, scope.Transaction, familyId.ToString());
            var mail = new ChainMail(people);
            var why = await FamilyPlans.DoneAsync(scope, mail, familyId.ToString(), actionId, agency, coordinator == agency, clock.GetUtcNow());
            await mail.WriteAsync(scope);
            return why;
        }, ct);
        return refusal switch
        {
            null => Accepted(outbox, new { familyId, actionId, done = true }),
            "no such action in this family's plan" => Results.Problem(title: "Unknown action", detail: refusal, statusCode: StatusCodes.Status404NotFound),
            var why when why.StartsWith("the action is owed", StringComparison.Ordinal) => Problems.Forbidden("/", why),
            var why => Results.Problem(title: "Does not fit the action", detail: why, statusCode: StatusCodes.Status409Conflict),
        };
    }

    sealed record StagnationBody(string? Reason, string? Note);

    /// <summary>POST /api/families/{familyId}/stagnation: a party or the chain office reports that help stagnates.</summary>
    static async Task<IResult> Stagnate(Guid familyId, HttpContext http, HubDatabase database, Stagnation stagnation, OutboxSignal outbox, PeopleMailPlanner people,
        TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        if (caller.IsAgency ? !await IsPartyAsync(database, familyId, caller.AgencyId!, clock, ct) : !await ExistsAsync(database, familyId, ct))
            return UnknownFamily(familyId);
        if (await ReadAsync<StagnationBody>(http) is not { } body)
            return Unreadable("The report");
        if (body.Reason is null || !StagnationReasons.Contains(body.Reason))
            return Problems.Invalid("The report is not valid", [new ValidationProblem("/reason", $"is required, one of {string.Join(", ", StagnationReasons)}")]);
        await database.WriteAsync(async scope =>
        {
            await ChainLocks.LockAsync(scope, ["family:" + familyId]);
            var mail = new ChainMail(people);
            await stagnation.ReportAsync(scope, mail, familyId.ToString(), caller.AgencyId ?? caller.Actor, body.Reason, clock.GetUtcNow());
            await mail.WriteAsync(scope);
        }, ct);
        return Accepted(outbox, new { familyId, stagnation = body.Reason });
    }

    static IResult Accepted(OutboxSignal outbox, object value)
    {
        outbox.Notify();
        return Results.Accepted(value: value);
    }

    static IEnumerable<ValidationProblem> Lengths(ProfessionalBody? p, string at)
    {
        if (p?.Name is { Length: > 200 })
            yield return new($"{at}/name", "is longer than 200 characters");
        if (p?.Role is { Length: > 100 })
            yield return new($"{at}/role", "is longer than 100 characters");
        if (p?.Phone is { Length: > 30 })
            yield return new($"{at}/phone", "is longer than 30 characters");
        if (p?.Email is { Length: > 200 })
            yield return new($"{at}/email", "is longer than 200 characters");
    }

    static async Task<bool> IsPartyAsync(HubDatabase database, Guid familyId, string agency, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await FamilyAccess.IsPartyAsync(connection, null, familyId.ToString(), agency, clock.GetUtcNow());
    }

    static async Task<bool> ExistsAsync(HubDatabase database, Guid familyId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await FamilyAccess.ExistsAsync(connection, null, familyId.ToString());
    }

    static IResult UnknownFamily(Guid id) =>
        Results.Problem(title: "Unknown family", detail: $"no family {id} that this caller may see", statusCode: StatusCodes.Status404NotFound);

    static IResult Unreadable(string what) =>
        Problems.Invalid($"{what} is not readable", [new ValidationProblem("/", "is not a JSON object of the documented shape")]);

    static async Task<T?> ReadAsync<T>(HttpContext http) where T : class
    {
        var body = await RequestBody.ReadJsonAsync(http.Request, http.RequestAborted);
        return body.Text is null ? null : Deserialize<T>(body.Text);
    }

    static T? Deserialize<T>(string? text) where T : class
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonSerializer.Deserialize<T>(text, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
}
