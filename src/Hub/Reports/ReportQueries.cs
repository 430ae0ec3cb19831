using System.Globalization;
using Dapper;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Reports;

/// <summary>Which cells a report covers: months from/to (yyyy-MM, inclusive) and optionally one municipality or agency.</summary>
public sealed record ReportFilter(string? From = null, string? To = null, string? Municipality = null, string? Agency = null)
{
    public static bool IsMonth(string? text) => text is null || DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    internal (string Where, DynamicParameters Parameters) Sql()
    {
        var where = new List<string>();
        var parameters = new DynamicParameters();
        if (From is not null)
        {
            where.Add("period >= @From");
            parameters.Add("From", From);
        }
        if (To is not null)
        {
            where.Add("period <= @To");
            parameters.Add("To", To);
        }
        if (Municipality is not null)
        {
            where.Add("municipality = @Municipality");
            parameters.Add("Municipality", Municipality);
        }
        if (Agency is not null)
        {
            where.Add("(sender = @Agency OR receiver = @Agency)");
            parameters.Add("Agency", Agency);
        }
        return (where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where), parameters);
    }
}

/// <summary>How many lead times a group counted, and their median and 90th percentile (null when it counted none).</summary>
public sealed record Spread(long Count, double? P50, double? P90)
{
    public static readonly Spread None = new(0, null, null);
}

/// <summary>Summed counters of one group of cells, by counter name.</summary>
public sealed record CellTotals(IReadOnlyDictionary<string, long> Counters)
{
    public long this[string name] => Counters.GetValueOrDefault(name);
}

/// <summary>
/// Reads the read model (report_counts, lead_time_buckets and its sums per pair and per municipality): sums over
/// cells, never a scan of the sagas, so a report costs the same at a thousand handovers as at a million.
/// </summary>
public sealed class ReportQueries(HubDatabase database, LeadTimeCells cells)
{
    static readonly string Sums = string.Join(", ", HandoverFigures.CounterNames.Select(n => $"CAST(SUM({n}) AS BIGINT) AS {n}"));

    /// <summary>Counter totals grouped by <paramref name="groupBy"/> (columns of report_counts), or overall for none.</summary>
    public async Task<IReadOnlyList<(IReadOnlyList<string> Group, CellTotals Totals)>> TotalsAsync(ReportFilter filter, IReadOnlyList<string> groupBy,
        CancellationToken cancellationToken)
    {
        var (where, parameters) = filter.Sql();
        var groups = groupBy.Count == 0 ? "" : "GROUP BY " + string.Join(", ", groupBy);
        var select = groupBy.Count == 0 ? Sums : string.Join(", ", groupBy) + ", " + Sums;
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync($"SELECT {select} FROM report_counts {where} {groups}", parameters).ConfigureAwait(false);
        return rows.Cast<IDictionary<string, object?>>()
            .Select(r => ((IReadOnlyList<string>)groupBy.Select(g => Convert.ToString(r[g], CultureInfo.InvariantCulture) ?? "").ToList(),
                new CellTotals(HandoverFigures.CounterNames.ToDictionary(n => n, n => r[n] is null ? 0L : Convert.ToInt64(r[n], CultureInfo.InvariantCulture)))))
            .ToList();
    }

    /// <summary>
    /// The count, median and 90th percentile of each lead-time metric, grouped like <see cref="TotalsAsync"/>, from the
    /// smallest bucket table that has the columns (<see cref="BucketTable"/>), through the buckets kept per cell
    /// (<see cref="LeadTimeCells"/>).
    /// </summary>
    public Task<IReadOnlyDictionary<(string Group, string Metric), Spread>> SpreadsAsync(ReportFilter filter, IReadOnlyList<string> groupBy,
        CancellationToken cancellationToken)
    {
        if (groupBy.FirstOrDefault(g => !KeyOrder.Contains(g)) is { } unknown)
            throw new ArgumentException($"lead times are not grouped by '{unknown}'", nameof(groupBy));
        return cells.SpreadsAsync(BucketTable(filter, groupBy), filter, groupBy, cancellationToken);
    }

    /// <summary>The grouping columns in the order the report tables' primary keys list them.</summary>
    static readonly string[] KeyOrder = ["period", "municipality", "sender", "receiver", "age_band"];

    /// <summary>
    /// The smallest bucket table that has every column the filter and grouping name: the steps write the same deltas
    /// to all three, so the sums are the same in each (ReadModelTests holds them to it).
    /// </summary>
    internal static string BucketTable(ReportFilter filter, IReadOnlyList<string> groupBy)
    {
        // The agency filter is on sender or receiver, which the pair table has.
        if (filter.Municipality is null && groupBy.All(g => g is "period" or "sender" or "receiver"))
            return "lead_time_pairs";
        if (filter.Agency is null && groupBy.All(g => g is "period" or "municipality"))
            return "lead_time_municipalities";
        return "lead_time_buckets";
    }

    public static string GroupKey(IReadOnlyList<string> group) => string.Join('\u0001', group);
}
