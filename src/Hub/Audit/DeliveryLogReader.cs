using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Audit;

/// <summary>The entries recorded in a period [from, to), in sequence order, for export.</summary>
public sealed class DeliveryLogReader(HubDatabase database)
{
    public async Task<IReadOnlyList<DeliveryLogRow>> ReadAsync(AuditPeriod period, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DeliveryLogRow>(new CommandDefinition(
            $"SELECT {DeliveryLogRow.Columns} FROM delivery_log WHERE at_ms >= @From AND at_ms < @To ORDER BY seq",
            new { From = Epoch.Ms(period.From), To = Epoch.Ms(period.To) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }
}
