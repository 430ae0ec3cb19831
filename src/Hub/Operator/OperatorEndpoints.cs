using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Feedback;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Http;
using IntegrationHub.Hub.Operator.Dashboard;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Reports;

namespace IntegrationHub.Hub.Operator;

/// <summary>
/// The operator's surface (ketenbureau): /api/operator (operator key required) and the /dashboard page
/// that calls it. Read-only except for replaying a reject.
/// </summary>
public static class OperatorEndpoints
{
    public static IEndpointRouteBuilder MapOperator(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/operator").WithTags("Operator").RequireAuthorization(AccessPolicies.Operator);

        // Mail an agency endpoint refused for good (a 4xx): parked in the outbox, never lost, waiting for an operator.
        api.MapGet("/undeliverable", async (Outbox.OutboxStore outbox, CancellationToken ct) => Results.Ok(await outbox.ParkedAsync(ct)));
        // Steps that failed where no caller heard it (a recorded delivery, a fired deadline) or under a 500: kept until they succeed.
        api.MapGet("/faults", async (Faults.StepFaults faults, CancellationToken ct) => Results.Ok(await faults.OpenAsync(200, ct)));
        // What retention removed, run by run (the delivery log has an entry per purged handover and reject).
        api.MapGet("/purges", async (Retention.RetentionSweep retention, CancellationToken ct) => Results.Ok(await retention.RecentAsync(100, ct)));
        api.MapGet("/counts", async (StateCounts counts, CancellationToken ct) => Results.Ok(await counts.CountAsync(ct)));

        api.MapGet("/handovers", async (string? state, string? agency, bool? overdue, int? page, int? pageSize, HubDatabase db, CancellationToken ct) =>
        {
            if (!string.IsNullOrWhiteSpace(state) && !StateCounts.States.Contains(state.Trim()))
                return Results.Problem(title: "Unknown state", statusCode: StatusCodes.Status400BadRequest,
                    detail: $"'{state}' is not a handover state; use one of: {string.Join(", ", StateCounts.States)}");
            return Results.Ok(await new HandoverList(db).FindAsync(new HandoverFilter(state, agency, overdue), PageRequest.Of(page, pageSize), ct));
        }).WithName("ListHandovers").Produces<PageOf<HandoverRow>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/handovers/{id:guid}", async (Guid id, HandoverViews views, CancellationToken ct) =>
            await views.FindAsync(id, ct) is { } view
                ? Results.Ok(view)
                : Results.Problem(title: "Unknown handover", detail: $"no handover {id}", statusCode: StatusCodes.Status404NotFound))
            .WithName("OperatorViewHandover").Produces<HandoverView>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/escalations", async (int? page, int? pageSize, EscalationList escalations, CancellationToken ct) =>
            Results.Ok(await escalations.FindAsync(PageRequest.Of(page, pageSize), ct)));

        api.MapGet("/rejects", async (bool? replayed, int? page, int? pageSize, HubDatabase db, CancellationToken ct) =>
            Results.Ok(await new RejectList(db).FindAsync(replayed, PageRequest.Of(page, pageSize), ct)));

        api.MapGet("/rejects/{id:long}", async (long id, HubDatabase db, CancellationToken ct) =>
            await new RejectList(db).FindAsync(id, ct) is { } reject ? Results.Ok(reject) : UnknownReject(id)).WithName("ViewReject").Produces<RejectRow>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/rejects/{id:long}/replay", async (long id, Guid? handoverId, HttpContext http, HubDatabase db,
            HandoverIntake handovers, FeedbackIntake feedback, TimeProvider clock, CancellationToken ct) =>
        {
            // An empty body replays the original bytes as they were (after a fix elsewhere, e.g. in the directory).
            var body = await RequestBody.ReadJsonAsync(http.Request, ct);
            if (body.TooLarge)
                return Problems.TooLarge(RequestBody.MaxJsonBytes);
            if (body.EncodingProblem is { } problem)
                return Problems.Invalid("The corrected message is not readable", [problem]);
            var replay = new RejectReplay(db, new RejectList(db), handovers, feedback, clock);
            return await replay.ReplayAsync(id, body.Text!, handoverId, http.Caller(), ct) is { } outcome ? Results.Ok(outcome) : UnknownReject(id);
        }).RequireJsonBody(emptyAllowed: true).WithName("ReplayReject").Produces<ReplayOutcome>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapGet("/lead-times", async (int? page, int? pageSize, string? from, string? to, string? municipality, LeadTimes leadTimes, CancellationToken ct) =>
            !ReportFilter.IsMonth(from) || !ReportFilter.IsMonth(to)
                ? BadMonth()
                : Results.Ok(await leadTimes.ReportAsync(PageRequest.Of(page, pageSize), new ReportFilter(from, to, municipality), ct)))
            .WithName("LeadTimes").Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest);

        // The municipality's figures per month (CHAIN.md §5), small numbers shown as "<5"; CSV for spreadsheets.
        api.MapGet("/reports", async (string? from, string? to, string? municipality, string? format, MunicipalityReport report, CancellationToken ct) =>
        {
            if (!ReportFilter.IsMonth(from) || !ReportFilter.IsMonth(to))
                return BadMonth();
            if (format is not (null or "json" or "csv"))
                return Results.Problem(title: "Unknown format", detail: "format is json (the default) or csv", statusCode: StatusCodes.Status400BadRequest);
            var rows = await report.RowsAsync(new ReportFilter(from, to, municipality), ct);
            return format == "csv" ? Results.Text(MunicipalityReport.Csv(rows), "text/csv; charset=utf-8") : Results.Ok(new { columns = MunicipalityReport.Columns, rows });
        }).WithName("MunicipalityReport").Produces(StatusCodes.Status200OK, null, "application/json", "text/csv").ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapDashboard();
        return app;
    }

    static IResult BadMonth() =>
        Results.Problem(title: "Not a month", detail: "from and to are months as yyyy-MM, e.g. 2026-11", statusCode: StatusCodes.Status400BadRequest);

    static IResult UnknownReject(long id) =>
        Results.Problem(title: "Unknown reject", detail: $"no rejected message {id}", statusCode: StatusCodes.Status404NotFound);
}
