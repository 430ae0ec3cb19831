using Dapper;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Operator;

/// <summary>How many handovers are in each public state, and how many are overdue or escalated.</summary>
/// <remarks><see cref="RejectsNotReplayed"/>: refused messages no operator has replayed yet.</remarks>
public sealed record StateCountsView(long Total, IReadOnlyDictionary<string, long> ByState, long Overdue, long Escalated, long RejectsNotReplayed);

public sealed class StateCounts(HubDatabase database)
{
    /// <summary>Every public state, in lifecycle order, so a zero shows as zero rather than missing.</summary>
    public static readonly IReadOnlyList<string> States =
    [
        HandoverStates.Submitted, HandoverStates.Delivered, HandoverStates.ReceiptConfirmed, HandoverStates.CareStarted,
        HandoverStates.Completed, HandoverStates.Rejected, HandoverStates.Withdrawn,
    ];

    public async Task<StateCountsView> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var byMachineState = await connection.QueryAsync<(string State, long Count)>(
            "SELECT current_state, COUNT(*) FROM handovers GROUP BY current_state").ConfigureAwait(false);
        var byState = States.ToDictionary(s => s, _ => 0L);
        foreach (var (state, count) in byMachineState)
        {
            var name = StateNames.Public(state);
            byState[name] = byState.GetValueOrDefault(name) + count;
        }
        var overdue = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handovers WHERE overdue <> 0").ConfigureAwait(false);
        var escalated = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handovers WHERE open_escalation_level > 0").ConfigureAwait(false);
        var rejects = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rejects WHERE replayed_at IS NULL").ConfigureAwait(false);
        return new StateCountsView(byState.Values.Sum(), byState, overdue, escalated, rejects);
    }
}
