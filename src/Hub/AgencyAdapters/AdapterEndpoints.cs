using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.ApiReference;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Http;

namespace IntegrationHub.Hub.AgencyAdapters;

/// <summary>POST /api/adapters/{name}/messages: an agency posts in its own format (docs/adapters/*.md), as itself.</summary>
public static class AdapterEndpoints
{
    public static IEndpointRouteBuilder MapAdapterIngress(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/adapters/{name}/messages", Post).WithTags("Adapters").RequireAuthorization(AccessPolicies.Agency)
            .WithName("PostAdapterMessage").WithSummary("Send a message in the agency's own format (jgz, bjz, veiligheidshuis, school)")
            .WithDescription("The body is the agency format of docs/adapters/{name}.md: FHIR R4 JSON (jgz), XML (bjz), JSON (veiligheidshuis) or CSV (school). Success and idempotency as POST /api/handovers and feedback.")
            // Described, not enforced by routing (Accepts would answer 415 before the adapter names the unknown one).
            .WithFormatBody("The message in the agency's own format.", "application/fhir+json", "application/xml", "application/json", "text/csv")
            .Produces<AdapterAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    static async Task<IResult> Post(string name, HttpContext http, AdapterCatalog catalog, AgencyDirectory directory, AdapterIngress ingress, CancellationToken ct)
    {
        if (catalog.ByName(name) is not { } adapter)
            return Results.Problem(title: "Unknown adapter", statusCode: StatusCodes.Status404NotFound,
                detail: $"no adapter '{name}'; known: {string.Join(", ", catalog.All.Select(a => a.Name).Order())}");
        var caller = http.Caller();
        // An agency speaks its own format, the one the directory gives it (API.md: "the agency whose format it is").
        var format = directory.Get(caller.AgencyId!).Delivery.Format;
        if (!string.Equals(format, adapter.Format, StringComparison.OrdinalIgnoreCase))
            return Problems.Forbidden("/", $"this adapter reads {adapter.Format}; the caller's format is {format}");
        var limit = ingress.Context.MaxBodyBytes;
        var body = await BoundedBody.ReadAsync(http.Request, limit, ct);
        if (body is null)
            return Problems.TooLarge(limit);

        var result = await ingress.HandleAsync(adapter, "adapter:" + adapter.Name, caller, body, http.Request.ContentType, ct);
        return result switch
        {
            IngressResult.Refused r => FhirRefusals.Answer(http.Request, adapter, r),
            IngressResult.Forbidden f => Problems.Forbidden(f.Problems[0].Path, f.Problems[0].Reason),
            IngressResult.Submitted { Failure: null } s => Results.Json(new { messages = s.Accepted.Select(View) }, statusCode: StatusCodes.Status202Accepted),
            IngressResult.Submitted s => AdapterProblems.NotAccepted(s.Failure!, s.Accepted.Select(View)),
            _ => throw new InvalidOperationException(result.ToString()),
        };
    }

    static object View(MessageOutcome m) => new { kind = m.Kind, handoverId = m.HandoverId, state = m.State, duplicate = m.Duplicate };
}

/// <summary>Problem answers of the adapter endpoint: 400 unreadable, 422 invalid, 403/404/409 from the intake.</summary>
static class AdapterProblems
{
    public static IResult Refused(string adapter, IngressResult.Refused refused) => Results.Problem(
        title: refused.Malformed ? $"The {adapter} message cannot be read" : $"The {adapter} message is not valid",
        detail: $"{refused.Problems.Count} problem(s); nothing was accepted or published. Paths are in the {adapter} format.",
        statusCode: refused.Malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
        type: "https://integrationhub.example/problems/" + (refused.Malformed ? "malformed-message" : "invalid-message"),
        extensions: new Dictionary<string, object?> { ["errors"] = refused.Problems.Select(p => new { path = p.Path, reason = p.Reason }).ToList() });

    public static IResult NotAccepted(IntakeResult failure, IEnumerable<object> acceptedBefore)
    {
        var extensions = new Dictionary<string, object?> { ["accepted"] = acceptedBefore.ToList() };
        return failure switch
        {
            IntakeResult.NotFound n => Results.Problem(title: "Unknown handover", detail: $"no handover {n.HandoverId} that this caller may see",
                statusCode: StatusCodes.Status404NotFound, extensions: extensions),
            IntakeResult.Conflict c => Results.Problem(title: "Does not fit the handover", detail: c.Reason,
                statusCode: StatusCodes.Status409Conflict, extensions: extensions),
            IntakeResult.Forbidden f => Results.Problem(title: "Not allowed", detail: f.Reason,
                statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?>(extensions)
                {
                    ["errors"] = new[] { new { path = f.Path, reason = f.Reason } },
                }),
            IntakeResult.Invalid i => Results.Problem(title: "The translated message is not valid", detail: "the adapter's output failed the hub's own validation",
                statusCode: StatusCodes.Status422UnprocessableEntity, extensions: new Dictionary<string, object?>(extensions)
                {
                    ["errors"] = i.Problems.Select(p => new { path = p.Path, reason = p.Reason }).ToList(),
                }),
            _ => throw new InvalidOperationException(failure.ToString()),
        };
    }
}
