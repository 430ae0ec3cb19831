using System.Data.Common;

namespace IntegrationHub.Hub.Audit;

/// <summary>Placeholder until the hash-chained log is wired; records nothing.</summary>
public sealed class NullDeliveryLog : IDeliveryLog
{
    public Task AppendAsync(DeliveryLogEntry entry, DbConnection? connection = null, DbTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
