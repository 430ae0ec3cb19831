using Dapper;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;
using IntegrationHub.Hub.Reports;

namespace IntegrationHub.Hub.WaitingList;

/// <summary>One receiver's lack of capacity (seed 001:3439-3440): who waits now, how long waits were, and escalations for it.</summary>
public sealed record ReceiverCapacity(
    string Receiver, string Name, long WaitingNow, long PastExpectedStart, long EverWaited, long NoCapacityEscalationsOpen,
    double? MedianWaitWorkingDays, double? P90WaitWorkingDays);

/// <summary>A handover on a receiver's waiting list now.</summary>
public sealed record WaitingHandover(Guid HandoverId, string Sender, string Urgency, DateTimeOffset WaitingSince, DateOnly? ExpectedStart, bool PastExpectedStart);

/// <summary>
/// Waiting lists (wachtlijsten) per receiver, for the chain office: counted by the read model (never a scan of the sagas),
/// the handovers waiting at one receiver read from its receipt-confirmed handovers.
/// </summary>
public sealed class WaitingLists(HubDatabase database, ReportQueries reports, AgencyDirectory directory)
{
    public async Task<IReadOnlyList<ReceiverCapacity>> PerReceiverAsync(string? municipality, CancellationToken cancellationToken)
    {
        var filter = new ReportFilter(Municipality: municipality);
        string[] byReceiver = ["receiver"];
        var totals = await reports.TotalsAsync(filter, byReceiver, cancellationToken).ConfigureAwait(false);
        var spreads = await reports.SpreadsAsync(filter, byReceiver, cancellationToken).ConfigureAwait(false);
        return totals
            .Where(t => t.Totals["waited"] > 0 || t.Totals["no_capacity_open"] > 0)
            .Select(t =>
            {
                var receiver = t.Group[0];
                var waits = spreads.GetValueOrDefault((ReportQueries.GroupKey(t.Group), HandoverFigures.Metrics.WaitingWorkingDays)) ?? Spread.None;
                return new ReceiverCapacity(receiver, directory.Find(receiver)?.Name ?? receiver, t.Totals["now_waiting"], t.Totals["waiting_overdue"],
                    t.Totals["waited"], t.Totals["no_capacity_open"], Round(waits.P50), Round(waits.P90));
            })
            .OrderByDescending(r => r.WaitingNow).ThenByDescending(r => r.NoCapacityEscalationsOpen).ThenBy(r => r.Receiver, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The handovers on <paramref name="receiver"/>'s waiting list now, longest waiting first (at most 500).</summary>
    public async Task<IReadOnlyList<WaitingHandover>> AtAsync(string receiver, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(
            "SELECT data FROM handovers WHERE receiver = @Receiver AND current_state = @State ORDER BY submitted_at LIMIT 2000",
            new { Receiver = receiver, State = HandoverMachine.Received }).ConfigureAwait(false);
        return rows.Select(SagaJson.Read)
            .Where(s => s.WaitingSince is not null && s.CareStartedAt is null)
            .Select(s => new WaitingHandover(s.CorrelationId, s.Sender, s.Urgency, s.WaitingSince!.Value, s.ExpectedStart,
                s.Deadlines.Any(d => d.Kind == DeadlineKinds.Waiting && d.MissedAt is not null && d.MetAt is null && d.ClosedAt is null)))
            .OrderBy(w => w.WaitingSince).Take(500).ToList();
    }

    static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;

    /// <summary>GET /api/operator/waiting-lists (per receiver) and /api/operator/waiting-lists/{receiver} (who waits there): operators only.</summary>
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operator/waiting-lists").WithTags("Operator").RequireAuthorization(AccessPolicies.Operator);
        group.MapGet("/", async (string? municipality, WaitingLists lists, CancellationToken ct) =>
            Results.Ok(new { receivers = await lists.PerReceiverAsync(municipality, ct) }));
        group.MapGet("/{receiver}", async (string receiver, WaitingLists lists, AgencyDirectory directory, CancellationToken ct) =>
            directory.Contains(receiver)
                ? Results.Ok(new { receiver, waiting = await lists.AtAsync(receiver, ct) })
                : Results.Problem(title: "Unknown agency", detail: "no such agency in the directory", statusCode: StatusCodes.Status404NotFound));
        return app;
    }
}
