using System.Text;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Delivery;

/// <summary>GET /api/agencies/{id}/mail?after=N: what one agency received on the embedded transport, for that agency's own system only.</summary>
public static class MailboxEndpoints
{
    const int PageSize = 100;

    public static IEndpointRouteBuilder MapAgencyMail(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/agencies/{id}/mail", async (string id, long? after, HttpContext http, AgencyMailbox mailbox, CancellationToken ct) =>
        {
            // The mailbox holds full documents (BSNs, names, concerns): its owner's credential or nothing.
            if (http.Caller().AgencyId != id)
                return Results.Problem(title: "Not allowed", detail: "an agency reads only its own mail", statusCode: StatusCodes.Status403Forbidden);
            // Asking for what comes after N says the agency has what came before: that is kept only until its retention term.
            if (after is > 0)
                await mailbox.ReadThroughAsync(id, after.Value, ct);
            var items = await mailbox.ListAsync(id, after ?? 0, PageSize, ct);
            return Results.Ok(new
            {
                agency = id,
                // On RabbitMQ mail goes to the agency's queue instead; this list then stays empty.
                mail = items.Select(m => new
                {
                    seq = m.Seq, mailId = m.MailId, kind = m.Kind, handoverId = m.HandoverId, contentType = m.ContentType,
                    at = Epoch.At(m.At), body = Encoding.UTF8.GetString(m.Body),
                }),
                next = items.Count > 0 ? items[^1].Seq : after ?? 0,
            });
        }).WithTags("Agencies").RequireAuthorization(AccessPolicies.Agency)
            .WithName("ReadMail").WithSummary("An agency's own mail on the embedded transport, after sequence number `after`")
            .Produces<ApiReference.MailPage>();
        return app;
    }
}
