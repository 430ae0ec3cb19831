using IntegrationHub.Hub.Access;

namespace IntegrationHub.Hub.Retour;

/// <summary>
/// GET /api/agencies/{id}/retours?messageId=X: the answers on record for one of the agency's own messages (by the hub's
/// messageId or the agency's own id), for an agency that lost a retour: it is sent once and not again.
/// </summary>
public static class RetourEndpoints
{
    public static IEndpointRouteBuilder MapRetours(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/agencies/{id}/retours", async (string id, string? messageId, HttpContext http, Retours retours, CancellationToken ct) =>
        {
            if (http.Caller().AgencyId != id)
                return Results.Problem(title: "Not allowed", detail: "an agency reads only the answers to its own messages", statusCode: StatusCodes.Status403Forbidden);
            if (string.IsNullOrWhiteSpace(messageId) || messageId.Length > 100)
                return Results.Problem(title: "Which message?", detail: "give messageId: the hub's messageId of the message, or your own id for it (at most 100 characters)",
                    statusCode: StatusCodes.Status400BadRequest);
            return Results.Ok(new { agency = id, retours = await retours.FindAsync(id, messageId.Trim(), ct) });
        }).WithTags("Agencies").RequireAuthorization(AccessPolicies.Agency);
        return app;
    }
}
