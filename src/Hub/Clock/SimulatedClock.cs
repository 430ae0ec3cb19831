namespace IntegrationHub.Hub.Clock;

/// <summary>
/// A clock that only moves when told to (POST /api/admin/clock), for demos and tests that need
/// working days to pass in seconds. Timers are not simulated: the hub polls for due work instead.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public DateTimeOffset Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(by), "the simulated clock only moves forward");
        return new DateTimeOffset(Interlocked.Add(ref _ticks, by.Ticks), TimeSpan.Zero);
    }

    public void Set(DateTimeOffset to)
    {
        if (to.UtcTicks < Interlocked.Read(ref _ticks))
            throw new ArgumentOutOfRangeException(nameof(to), "the simulated clock only moves forward");
        Interlocked.Exchange(ref _ticks, to.UtcTicks);
    }
}
