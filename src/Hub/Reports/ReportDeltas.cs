using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Reports;

/// <summary>
/// The read model's changes gathered over one unit of work and written once at its end: each step adds the
/// difference between a handover's figures before and after it; counters and buckets are summed per cell,
/// so a batch of five hundred fired deadlines writes each hot counter row once. Rows are written in key
/// order, so two instances' units never wait on each other in a cycle.
/// </summary>
public sealed class ReportDeltas : IUnitState
{
    readonly List<(HandoverFigures? Before, HandoverFigures After)> _changes = [];

    public void Add(HandoverFigures? before, HandoverFigures after) => _changes.Add((before, after));

    public int Mark() => _changes.Count;

    public void Restore(int mark) => _changes.RemoveRange(mark, _changes.Count - mark);

    public async Task WriteAsync(WriteScope scope)
    {
        if (_changes.Count == 0)
            return;
        var counters = new SortedDictionary<ReportKey, long[]>(KeyOrder.Instance);
        var buckets = new SortedDictionary<(ReportKey Key, string Metric, int Bucket), long>(BucketOrder.Instance);
        foreach (var (before, after) in _changes)
        {
            if (before is not null)
            {
                Sum(counters, before.Key, before.Counters, -1);
                foreach (var (metric, bucket) in before.LeadTimes)
                    buckets[(before.Key, metric, bucket)] = buckets.GetValueOrDefault((before.Key, metric, bucket)) - 1;
            }
            Sum(counters, after.Key, after.Counters, +1);
            foreach (var (metric, bucket) in after.LeadTimes)
                buckets[(after.Key, metric, bucket)] = buckets.GetValueOrDefault((after.Key, metric, bucket)) + 1;
        }

        // Every change to a cell's buckets raises its lead_time_changes, which only grows: a reader that kept the cell's
        // buckets knows by it whether they are still what the table holds (LeadTimeCells).
        foreach (var ((key, _, _), delta) in buckets)
            if (delta != 0)
            {
                if (!counters.TryGetValue(key, out var sum))
                    counters[key] = sum = new long[Columns.Count];
                sum[LeadTimeChanges] += Math.Abs(delta);
            }

        // Only the counters a unit changed are written, so a storm of escalations binds a few values per cell, not every column.
        foreach (var (key, delta) in counters)
        {
            var changed = Enumerable.Range(0, delta.Length).Where(i => delta[i] != 0).ToArray();
            if (changed.Length == 0)
                continue;
            var values = new object?[5 + changed.Length];
            (values[0], values[1], values[2], values[3], values[4]) = (key.Period, key.Municipality, key.Sender, key.Receiver, key.AgeBand);
            for (var i = 0; i < changed.Length; i++)
                values[5 + i] = delta[changed[i]];
            await scope.ExecuteAsync(CounterUpsert(changed), values).ConfigureAwait(false);
        }
        foreach (var ((key, metric, bucket), delta) in buckets.Where(b => b.Value != 0))
            await scope.ExecuteAsync(
                """
                INSERT INTO lead_time_buckets (period, municipality, sender, receiver, age_band, metric, bucket, count)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7)
                ON CONFLICT (period, municipality, sender, receiver, age_band, metric, bucket) DO UPDATE SET count = lead_time_buckets.count + excluded.count
                """,
                key.Period, key.Municipality, key.Sender, key.Receiver, key.AgeBand, metric, bucket, delta).ConfigureAwait(false);

        // The same deltas at the grains the reports read (per pair; per municipality), so no report sums every cell's buckets.
        foreach (var ((period, sender, receiver, metric, bucket), delta) in buckets.Where(b => b.Value != 0)
                     .GroupBy(b => (b.Key.Key.Period, b.Key.Key.Sender, b.Key.Key.Receiver, b.Key.Metric, b.Key.Bucket), b => b.Value)
                     .Select(g => (g.Key, g.Sum())).Where(g => g.Item2 != 0).OrderBy(g => g.Key, PairOrder.Instance))
            await scope.ExecuteAsync(
                """
                INSERT INTO lead_time_pairs (period, sender, receiver, metric, bucket, count) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
                ON CONFLICT (period, sender, receiver, metric, bucket) DO UPDATE SET count = lead_time_pairs.count + excluded.count
                """, period, sender, receiver, metric, bucket, delta).ConfigureAwait(false);
        foreach (var ((period, municipality, metric, bucket), delta) in buckets.Where(b => b.Value != 0)
                     .GroupBy(b => (b.Key.Key.Period, b.Key.Key.Municipality, b.Key.Metric, b.Key.Bucket), b => b.Value)
                     .Select(g => (g.Key, g.Sum())).Where(g => g.Item2 != 0).OrderBy(g => g.Key, MunicipalityOrder.Instance))
            await scope.ExecuteAsync(
                """
                INSERT INTO lead_time_municipalities (period, municipality, metric, bucket, count) VALUES (@p0, @p1, @p2, @p3, @p4)
                ON CONFLICT (period, municipality, metric, bucket) DO UPDATE SET count = lead_time_municipalities.count + excluded.count
                """, period, municipality, metric, bucket, delta).ConfigureAwait(false);

        // Open escalations: per handover, what its last change says is open now.
        foreach (var latest in _changes.GroupBy(c => c.After.HandoverId).Select(g => (First: g.First(), Last: g.Last())))
        {
            var was = latest.First.Before?.OpenEscalations ?? [];
            var now = latest.Last.After;
            if (was.SequenceEqual(now.OpenEscalations))
                continue;
            // A handover that had none open has no rows to remove.
            if (was.Count > 0)
                await scope.ExecuteAsync("DELETE FROM open_escalations WHERE handover_id = @p0", now.HandoverId.ToString()).ConfigureAwait(false);
            foreach (var e in now.OpenEscalations)
                await scope.ExecuteAsync(
                    """
                    INSERT INTO open_escalations (handover_id, level, deadline_kind, sender, receiver, municipality, overdue_since, raised_at, addressees)
                    VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)
                    """,
                    now.HandoverId.ToString(), e.Level, e.DeadlineKind, now.Key.Sender, now.Key.Receiver, now.Key.Municipality,
                    Epoch.Ms(e.OverdueSince), Epoch.Ms(e.RaisedAt), e.Addressees).ConfigureAwait(false);
        }
        _changes.Clear();
    }

    /// <summary>The columns of report_counts a unit adds to: the handover figures' counters, then the cell's change count.</summary>
    static readonly IReadOnlyList<string> Columns = [.. HandoverFigures.CounterNames, LeadTimeCells.ChangeColumn];

    static readonly int LeadTimeChanges = Columns.Count - 1;

    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Upserts = new();

    /// <summary>The upsert of a cell's key and the <paramref name="changed"/> columns (indexes into <see cref="Columns"/>).</summary>
    static string CounterUpsert(int[] changed) => Upserts.GetOrAdd(string.Join(',', changed), _ =>
    {
        var names = changed.Select(i => Columns[i]).ToList();
        return $"""
            INSERT INTO report_counts (period, municipality, sender, receiver, age_band, {string.Join(", ", names)})
            VALUES (@p0, @p1, @p2, @p3, @p4, {string.Join(", ", names.Select((_, i) => "@p" + (5 + i)))})
            ON CONFLICT (period, municipality, sender, receiver, age_band) DO UPDATE SET
            {string.Join(", ", names.Select(n => $"{n} = report_counts.{n} + excluded.{n}"))}
            """;
    });

    static void Sum(SortedDictionary<ReportKey, long[]> counters, ReportKey key, long[] values, int sign)
    {
        if (!counters.TryGetValue(key, out var sum))
            counters[key] = sum = new long[Columns.Count];
        for (var i = 0; i < values.Length; i++)
            sum[i] += sign * values[i];
    }

    sealed class PairOrder : IComparer<(string, string, string, string, int)>
    {
        public static readonly PairOrder Instance = new();

        public int Compare((string, string, string, string, int) x, (string, string, string, string, int) y)
        {
            var c = string.CompareOrdinal(x.Item1, y.Item1);
            if (c == 0) c = string.CompareOrdinal(x.Item2, y.Item2);
            if (c == 0) c = string.CompareOrdinal(x.Item3, y.Item3);
            if (c == 0) c = string.CompareOrdinal(x.Item4, y.Item4);
            return c != 0 ? c : x.Item5.CompareTo(y.Item5);
        }
    }

    sealed class MunicipalityOrder : IComparer<(string, string, string, int)>
    {
        public static readonly MunicipalityOrder Instance = new();

        public int Compare((string, string, string, int) x, (string, string, string, int) y)
        {
            var c = string.CompareOrdinal(x.Item1, y.Item1);
            if (c == 0) c = string.CompareOrdinal(x.Item2, y.Item2);
            if (c == 0) c = string.CompareOrdinal(x.Item3, y.Item3);
            return c != 0 ? c : x.Item4.CompareTo(y.Item4);
        }
    }

    sealed class KeyOrder : IComparer<ReportKey>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(ReportKey? x, ReportKey? y) =>
            (x, y) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                _ => string.CompareOrdinal(Text(x), Text(y)),
            };

        static string Text(ReportKey k) => $"{k.Period}\u0001{k.Municipality}\u0001{k.Sender}\u0001{k.Receiver}\u0001{k.AgeBand}";
    }

    sealed class BucketOrder : IComparer<(ReportKey Key, string Metric, int Bucket)>
    {
        public static readonly BucketOrder Instance = new();

        public int Compare((ReportKey Key, string Metric, int Bucket) x, (ReportKey Key, string Metric, int Bucket) y)
        {
            var byKey = KeyOrder.Instance.Compare(x.Key, y.Key);
            if (byKey != 0)
                return byKey;
            var byMetric = string.CompareOrdinal(x.Metric, y.Metric);
            return byMetric != 0 ? byMetric : x.Bucket.CompareTo(y.Bucket);
        }
    }
}
