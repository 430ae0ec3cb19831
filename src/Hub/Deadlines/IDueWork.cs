namespace IntegrationHub.Hub.Deadlines;

/// <summary>
/// Something the hub watches with due times (a handover's deadlines and escalation ladder; later a match, a
/// coordinator's assignment, a plan's actions): the sweep asks each to fire what has come due, batch by batch.
/// </summary>
public interface IDueWork
{
    /// <summary>For the log and the fault record.</summary>
    string Name { get; }

    /// <summary>Leases, decides and writes one batch of what is due by <paramref name="now"/>; 0 when nothing was.</summary>
    Task<int> FireBatchAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
