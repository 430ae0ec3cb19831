using Dapper;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;

namespace IntegrationHub.Hub.Operator;

/// <summary>Reads the saga's JSON (deadlines, escalations, history) for the questions the indexed columns cannot answer.</summary>
public static class SagaData
{
    /// <param name="condition">A fixed SQL condition on the handovers table; never built from input.</param>
    public static async Task<List<HandoverState>> ReadAsync(HubDatabase database, string condition, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>($"SELECT data FROM handovers WHERE {condition} ORDER BY submitted_at, correlation_id").ConfigureAwait(false);
        return rows.Select(SagaJson.Read).ToList();
    }
}
