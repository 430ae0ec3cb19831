using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Reports;

/// <summary>
/// The lead-time buckets of the cells the reports read (a month of an agency pair, of a municipality, or of both and an
/// age band, whichever is the smallest table with the report's columns), kept in memory per cell beside the cell's change count: <c>report_counts.lead_time_changes</c>, which every change to a
/// cell's buckets raises and nothing lowers. A report first reads its cells' change counts (a few hundred summed rows)
/// and then the buckets of only the cells whose count moved since they were kept: asked again, a report reads no
/// bucket at all; on a busy day it reads this month's cells, not the year's. Percentiles do not add up, bucket counts
/// do: groups of many cells (a pair over a year, everything) are summed here from their cells' buckets.
/// </summary>
public sealed class LeadTimeCells(HubDatabase database)
{
    /// <summary>The column of report_counts that counts changes to the cell's lead-time buckets.</summary>
    public const string ChangeColumn = "lead_time_changes";

    /// <summary>Bumped by a rebuild of the read model, which starts the change counts again from nothing.</summary>
    public const string GenerationSetting = "read_model_generation";

    /// <summary>
    /// Buckets kept at most (12 bytes each, about 48 MB): a region's year at a million handovers has 0.4 M in the pair and
    /// municipality tables and 2.9 M in the full one; past it everything is forgotten and read again as asked.
    /// </summary>
    const long MostBuckets = 4_000_000;

    /// <summary>Beyond this many changed cells one ordered read of all the report's cells is cheaper than a read per cell.</summary>
    const int ReadPerCellUpTo = 32;

    /// <summary>Each bucket table's cell: its key without metric and bucket, in key order.</summary>
    static readonly IReadOnlyDictionary<string, string[]> CellColumns = new Dictionary<string, string[]>
    {
        ["lead_time_pairs"] = ["period", "sender", "receiver"],
        ["lead_time_municipalities"] = ["period", "municipality"],
        ["lead_time_buckets"] = ["period", "municipality", "sender", "receiver", "age_band"],
    };

    readonly ConcurrentDictionary<(string Table, string Cell), Cell> _cells = new();
    long _buckets;
    string? _generation;

    /// <summary>Bucket rows read from the database since start: what the cache saved shows here.</summary>
    public long BucketRowsRead => Interlocked.Read(ref _bucketRowsRead);

    long _bucketRowsRead;

    /// <summary>Buckets kept in memory now.</summary>
    public long BucketsKept => Interlocked.Read(ref _buckets);

    /// <summary>The count, median and 90th percentile of each metric per group of <paramref name="groupBy"/> (columns of the table's cells).</summary>
    public async Task<IReadOnlyDictionary<(string Group, string Metric), Spread>> SpreadsAsync(
        string table, ReportFilter filter, IReadOnlyList<string> groupBy, CancellationToken cancellationToken)
    {
        var columns = CellColumns[table];
        if (groupBy.FirstOrDefault(g => !columns.Contains(g)) is { } foreign)
            throw new ArgumentException($"{table} has no column '{foreign}'", nameof(groupBy));
        var (where, parameters) = filter.Sql();
        var list = string.Join(", ", columns);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ForgetAfterRebuildAsync(connection).ConfigureAwait(false);

        // The change counts first, the buckets after: buckets read later are at least as new as the count they are kept with,
        // so a cell kept with an old count is read again, and one kept with its current count is current.
        var cells = (await connection.QueryAsync(
                $"SELECT {list}, CAST(SUM({ChangeColumn}) AS BIGINT) AS changes FROM report_counts {where} GROUP BY {list}", parameters).ConfigureAwait(false))
            .Cast<IDictionary<string, object?>>()
            .Select(r => (Values: columns.Select(c => (string)r[c]!).ToArray(), Changes: Convert.ToInt64(r["changes"])))
            .ToList();
        var current = new Dictionary<string, Cell>(cells.Count);
        var stale = new List<(string[] Values, long Changes)>();
        foreach (var cell in cells)
        {
            var key = ReportQueries.GroupKey(cell.Values);
            if (_cells.TryGetValue((table, key), out var kept) && kept.Changes == cell.Changes)
                current[key] = kept;
            else
                stale.Add(cell);
        }
        if (stale.Count > ReadPerCellUpTo)
            await ReadAllAsync(connection, table, columns, where, parameters, stale, current, cancellationToken).ConfigureAwait(false);
        else
            foreach (var cell in stale)
                current[ReportQueries.GroupKey(cell.Values)] = await ReadCellAsync(connection, table, columns, cell, cancellationToken).ConfigureAwait(false);
        foreach (var cell in stale)
            Keep(table, ReportQueries.GroupKey(cell.Values), current[ReportQueries.GroupKey(cell.Values)]);

        var positions = groupBy.Select(g => Array.IndexOf(columns, g)).ToArray();
        var groups = new Dictionary<(string Group, string Metric), List<Histogram>>();
        foreach (var (values, _) in cells)
        {
            var group = ReportQueries.GroupKey(positions.Select(p => values[p]).ToList());
            foreach (var (metric, histogram) in current[ReportQueries.GroupKey(values)].Metrics)
            {
                if (!groups.TryGetValue((group, metric), out var members))
                    groups[(group, metric)] = members = [];
                members.Add(histogram);
            }
        }
        var spreads = new Dictionary<(string Group, string Metric), Spread>(groups.Count);
        foreach (var (key, members) in groups)
            if (Histogram.Sum(members).Spread is { } spread)
                spreads[key] = spread;
        return spreads;
    }

    async Task ForgetAfterRebuildAsync(DbConnection connection)
    {
        var generation = await connection.ExecuteScalarAsync<string?>("SELECT value FROM settings WHERE key = @Key", new { Key = GenerationSetting })
            .ConfigureAwait(false) ?? "";
        if (generation == Volatile.Read(ref _generation))
            return;
        Forget();
        Volatile.Write(ref _generation, generation);
    }

    void Forget()
    {
        _cells.Clear();
        Interlocked.Exchange(ref _buckets, 0);
    }

    void Keep(string table, string key, Cell cell)
    {
        var before = _cells.TryGetValue((table, key), out var old) ? old.Buckets : 0;
        _cells[(table, key)] = cell;
        if (Interlocked.Add(ref _buckets, cell.Buckets - before) > MostBuckets)
            Forget();
    }

    async Task<Cell> ReadCellAsync(DbConnection connection, string table, string[] columns, (string[] Values, long Changes) cell, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        for (var i = 0; i < columns.Length; i++)
            parameters.Add("c" + i, cell.Values[i]);
        var match = string.Join(" AND ", columns.Select((c, i) => $"{c} = @c{i}"));
        using var reader = await connection.ExecuteReaderAsync(
            $"SELECT metric, CAST(bucket AS BIGINT), CAST(count AS BIGINT) FROM {table} WHERE {match} ORDER BY metric, bucket", parameters).ConfigureAwait(false);
        var builder = new CellBuilder(cell.Changes);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            builder.Add(reader.GetString(0), (int)reader.GetInt64(1), reader.GetInt64(2));
        Interlocked.Add(ref _bucketRowsRead, builder.Rows);
        return builder.Build();
    }

    /// <summary>One read of every bucket in the report's cells, in key order; the stale cells are built from it.</summary>
    async Task ReadAllAsync(DbConnection connection, string table, string[] columns, string where, DynamicParameters parameters,
        List<(string[] Values, long Changes)> stale, Dictionary<string, Cell> current, CancellationToken cancellationToken)
    {
        var wanted = stale.ToDictionary(s => ReportQueries.GroupKey(s.Values), s => s.Changes);
        var list = string.Join(", ", columns);
        // The months named one by one: with a municipality or agency after the month in the key, the database then seeks
        // each month's part of it instead of walking every row from the first month to the last.
        var stalePeriods = stale.Select(s => s.Values[0]).Distinct().Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < stalePeriods.Count; i++)
            parameters.Add("m" + i, stalePeriods[i]);
        var months = (where.Length == 0 ? "WHERE " : where + " AND ") + $"period IN ({string.Join(", ", stalePeriods.Select((_, i) => "@m" + i))})";
        using var reader = await connection.ExecuteReaderAsync(
            $"SELECT {list}, metric, CAST(bucket AS BIGINT), CAST(count AS BIGINT) FROM {table} {months} ORDER BY {list}, metric, bucket", parameters)
            .ConfigureAwait(false);
        var values = new string[columns.Length];
        string? open = null;
        CellBuilder? builder = null;
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows++;
            for (var i = 0; i < columns.Length; i++)
                values[i] = reader.GetString(i);
            var key = ReportQueries.GroupKey(values);
            if (key != open)
            {
                if (open is not null && builder is not null)
                    current[open] = builder.Build();
                open = key;
                builder = wanted.TryGetValue(key, out var changes) ? new CellBuilder(changes) : null;
            }
            builder?.Add(reader.GetString(columns.Length), (int)reader.GetInt64(columns.Length + 1), reader.GetInt64(columns.Length + 2));
        }
        if (open is not null && builder is not null)
            current[open] = builder.Build();
        Interlocked.Add(ref _bucketRowsRead, rows);
        // A cell with a count but no bucket row has no lead time yet.
        foreach (var (key, changes) in wanted)
            if (!current.TryGetValue(key, out var cell) || cell.Changes != changes)
                current[key] = new CellBuilder(changes).Build();
    }

    /// <summary>One cell's buckets per metric, with the change count they are current for.</summary>
    sealed record Cell(long Changes, IReadOnlyDictionary<string, Histogram> Metrics, int Buckets);

    /// <summary>One metric's non-zero bucket counts in one cell (or a group's sum of cells), in bucket order.</summary>
    sealed record Histogram(int[] Buckets, long[] Counts)
    {
        Spread? _spread;

        /// <summary>Count, median and p90; null when nothing is counted. Worked out once: a kept cell answers it again for free.</summary>
        public Spread? Spread => Buckets.Length == 0 ? null : _spread ??= new Spread(Counts.Sum(),
            LeadTimeBuckets.Percentile(Buckets, Counts, 50), LeadTimeBuckets.Percentile(Buckets, Counts, 90));

        /// <summary>The members' counts added bucket by bucket, zero sums left out; one member is its own sum.</summary>
        public static Histogram Sum(List<Histogram> members)
        {
            if (members.Count == 1)
                return members[0];
            // Buckets are small numbers (a few hundred even for years): summed in an array from the lowest to the highest.
            var lowest = members.Where(h => h.Buckets.Length > 0).Select(h => h.Buckets[0]).DefaultIfEmpty(0).Min();
            var highest = members.Where(h => h.Buckets.Length > 0).Select(h => h.Buckets[^1]).DefaultIfEmpty(-1).Max();
            var sums = new long[Math.Max(0, highest - lowest + 1)];
            foreach (var h in members)
                for (var i = 0; i < h.Buckets.Length; i++)
                    sums[h.Buckets[i] - lowest] += h.Counts[i];
            var buckets = new List<int>();
            var counts = new List<long>();
            for (var i = 0; i < sums.Length; i++)
                if (sums[i] != 0)
                {
                    buckets.Add(lowest + i);
                    counts.Add(sums[i]);
                }
            return new Histogram([.. buckets], [.. counts]);
        }
    }

    sealed class CellBuilder(long changes)
    {
        readonly Dictionary<string, (List<int> Buckets, List<long> Counts)> _metrics = [];

        public int Rows { get; private set; }

        public void Add(string metric, int bucket, long count)
        {
            Rows++;
            if (count == 0)
                return;
            if (!_metrics.TryGetValue(metric, out var m))
                _metrics[metric] = m = ([], []);
            m.Buckets.Add(bucket);
            m.Counts.Add(count);
        }

        public Cell Build() => new(changes,
            _metrics.ToDictionary(m => m.Key, m => new Histogram([.. m.Value.Buckets], [.. m.Value.Counts])),
            _metrics.Sum(m => m.Value.Buckets.Count));
    }
}
