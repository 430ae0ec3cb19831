namespace IntegrationHub.Bench.Seeding;

/// <summary>The seeder's clock: set to each event's time before the hub's machine applies it (one per worker, never shared).</summary>
sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
