using Dapper;
using IntegrationHub.Hub.Operator;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Telemetry;

/// <summary>The hub's standing figures at one moment, hub-wide (every instance on the database reports the same).</summary>
public sealed record FiguresSnapshot(
    IReadOnlyDictionary<string, long> HandoversByState, long Submitted, long Overdue, long RejectsNotReplayed,
    IReadOnlyDictionary<int, long> OpenEscalationsByLevel,
    long OutboxPending, double OutboxOldestPendingSeconds, long OutboxParked,
    long DeadlinesDue, double DeadlineBacklogSeconds);

/// <summary>
/// Reads the standing figures for the scrape endpoint and OTLP: the read model's counters (<see cref="StateCounts"/>)
/// and counts over partial or leading-column indexes (overdue, open escalations, pending outbox rows, due times),
/// never the sagas' JSON, so a scrape costs about the same at a thousand handovers as at a million. One read
/// serves every scrape within <see cref="TelemetryOptions.FiguresMaxAge"/>, so several Prometheus servers (or a
/// scrape storm) cost one read.
/// </summary>
public sealed class HubFigures(HubDatabase database, StateCounts states, TimeProvider clock, TelemetryOptions options)
{
    readonly SemaphoreSlim _reading = new(1, 1);
    FiguresSnapshot? _last;
    long _readAt;

    public async Task<FiguresSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
            return fresh;
        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } other)
                return other;
            _last = await ReadAsync(cancellationToken).ConfigureAwait(false);
            _readAt = Environment.TickCount64;
            return _last;
        }
        finally
        {
            _reading.Release();
        }
    }

    FiguresSnapshot? Fresh() => _last is { } last && Environment.TickCount64 - _readAt < options.FiguresMaxAge.TotalMilliseconds ? last : null;

    async Task<FiguresSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var counts = await states.CountAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var levels = (await connection.QueryAsync<(long Level, long Count)>(
            "SELECT CAST(level AS BIGINT), COUNT(*) FROM open_escalations GROUP BY level").ConfigureAwait(false))
            .ToDictionary(r => (int)r.Level, r => r.Count);
        // Parked rows never leave by themselves (an operator acts); the rest is the backlog the dispatchers work through.
        var outbox = (await connection.QueryAsync<(long Parked, long Count, long? Oldest)>(
            $"""
            SELECT CASE WHEN locked_until = {long.MaxValue} THEN 1 ELSE 0 END, COUNT(*), MIN(created_at)
            FROM outbox WHERE dispatched_at IS NULL GROUP BY CASE WHEN locked_until = {long.MaxValue} THEN 1 ELSE 0 END
            """).ConfigureAwait(false)).ToList();
        var pending = outbox.FirstOrDefault(o => o.Parked == 0);
        var now = clock.GetUtcNow();
        var due = await connection.QuerySingleAsync<(long Count, long? Oldest)>(
            "SELECT COUNT(*), MIN(next_due_at) FROM handovers WHERE next_due_at <= @Now", new { Now = Epoch.Ms(now) }).ConfigureAwait(false);
        return new FiguresSnapshot(
            counts.ByState, counts.Total, counts.Overdue, counts.RejectsNotReplayed, levels,
            pending.Count, pending.Oldest is { } created ? Math.Max(0, (LeaseClock.Now - Epoch.At(created)).TotalSeconds) : 0,
            outbox.FirstOrDefault(o => o.Parked == 1).Count,
            due.Count, due.Oldest is { } oldest ? Math.Max(0, (now - Epoch.At(oldest)).TotalSeconds) : 0);
    }
}
