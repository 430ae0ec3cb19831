namespace IntegrationHub.Hub.Outbox;

/// <summary>
/// The clock of the outbox's machinery: claim leases, retry back-off, deferrals and the egress journal's
/// read window. These measure real elapsed time between processes and the broker (a lease must expire
/// even while a simulated domain clock stands still), so they never use the hub's <see cref="TimeProvider"/>
/// and are never compared with a domain time (a deadline, a submission, a receipt): those come from it alone.
/// </summary>
public static class LeaseClock
{
    public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();
}
