using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Audit;

/// <summary>GET /api/audit/verify and GET /api/audit/export?from=&amp;to=&amp;format=csv|fhir, for auditors.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        // Auditors only: agency and operator keys cannot read the log.
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AccessPolicies.Auditor);

        group.MapGet("/verify", async (HubDatabase database, CancellationToken ct) =>
        {
            var result = await new DeliveryLogVerifier(database).VerifyAsync(ct);
            return Results.Ok(new
            {
                intact = result.Intact,
                count = result.Count,
                lastHash = result.LastHash,
                firstBreak = result.FirstBreak is { } b ? new { sequence = b.Sequence, kind = b.Kind.ToString(), detail = b.Detail } : null,
            });
        }).WithName("VerifyDeliveryLog");

        group.MapGet("/export", async (string? from, string? to, string? format, HubDatabase database, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
        {
            format ??= "csv";
            if (!AuditExport.Formats.Contains(format))
                return Results.Problem(title: "Unknown export format", detail: $"format '{format}' is not csv or fhir", statusCode: StatusCodes.Status400BadRequest);
            if (!AuditPeriod.TryParse(from, to, out var period, out var error))
                return Results.Problem(title: "Invalid period", detail: error + " (from and to are required; the period is [from, to))", statusCode: StatusCodes.Status400BadRequest);

            using var body = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            await AuditExport.WriteAsync(new DeliveryLogReader(database), period, format, clock.GetUtcNow(), body, ct);
            return Results.Text(body.ToString(), AuditExport.ContentType(format));
        }).WithName("ExportDeliveryLog").Produces<string>(StatusCodes.Status200OK, "text/csv", "application/fhir+json").ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }
}
