using Dapper;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Reports;

namespace IntegrationHub.Hub.Operator;

/// <summary>How many handovers are in each public state, and how many are overdue or escalated.</summary>
/// <remarks><see cref="RejectsNotReplayed"/>: refused messages no operator has replayed yet.</remarks>
public sealed record StateCountsView(long Total, IReadOnlyDictionary<string, long> ByState, long Overdue, long Escalated, long RejectsNotReplayed);

/// <summary>State counts from the read model's one-hot counters; overdue and escalated from their partial indexes.</summary>
public sealed class StateCounts(HubDatabase database, ReportQueries reports)
{
    /// <summary>Every public state, in lifecycle order, so a zero shows as zero rather than missing.</summary>
    public static readonly IReadOnlyList<string> States =
    [
        HandoverStates.Submitted, HandoverStates.Delivered, HandoverStates.ReceiptConfirmed, HandoverStates.CareStarted,
        HandoverStates.Completed, HandoverStates.Rejected, HandoverStates.Withdrawn,
    ];

    public async Task<StateCountsView> CountAsync(CancellationToken cancellationToken)
    {
        var all = (await reports.TotalsAsync(new ReportFilter(), [], cancellationToken).ConfigureAwait(false)).FirstOrDefault().Totals
            ?? new CellTotals(new Dictionary<string, long>());
        var byState = new Dictionary<string, long>
        {
            [HandoverStates.Submitted] = all["now_submitted"],
            [HandoverStates.Delivered] = all["now_delivered"],
            [HandoverStates.ReceiptConfirmed] = all["now_receipt_confirmed"],
            [HandoverStates.CareStarted] = all["now_care_started"],
            [HandoverStates.Completed] = all["completed"],
            [HandoverStates.Rejected] = all["rejected"],
            [HandoverStates.Withdrawn] = all["withdrawn"],
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var overdue = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handovers WHERE overdue <> 0").ConfigureAwait(false);
        var escalated = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handovers WHERE open_escalation_level > 0").ConfigureAwait(false);
        var rejects = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rejects WHERE replayed_at IS NULL").ConfigureAwait(false);
        return new StateCountsView(all["submitted"], byState, overdue, escalated, rejects);
    }
}
