using System.Globalization;
using System.Text;

namespace IntegrationHub.Hub.Reports;

/// <summary>
/// The figures the municipality asks for (CHAIN.md §5), per municipality and month: submitted, rejected (%),
/// withdrawn, completed, still open (in all and per age band), lead times in working days (median, p90), % of
/// deadlines met, escalations per level; the lead time across re-routes, re-routes and waiting lists. Small numbers can point at a child: every count from 1 to 4, and
/// every figure computed from fewer than 5 handovers, reads "&lt;5".
/// </summary>
public sealed class MunicipalityReport(ReportQueries reports)
{
    const int Smallest = 5;
    public const string Suppressed = "<5";

    static readonly string[] AgeBands = ["0-3", "4-11", "12-17", "18+"];

    public static readonly IReadOnlyList<string> Columns =
    [
        "municipality", "period", "submitted", "rejected", "rejectedPercent", "withdrawn", "completed", "open",
        "open0to3", "open4to11", "open12to17", "open18plus",
        "receiptMedianWorkingDays", "receiptP90WorkingDays", "careStartedMedianWorkingDays", "careStartedP90WorkingDays",
        "deadlinesDue", "deadlinesMetPercent", "escalationsLevel1", "escalationsLevel2", "escalationsLevel3",
        // Appended (issue 13): lead time across re-routes (first handover of the chain to care started), re-routes, waiting lists.
        "chainToCareMedianWorkingDays", "chainToCareP90WorkingDays", "rerouted", "waitingNow", "waitedOnWaitingList",
    ];

    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object>>> RowsAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        string[] by = ["municipality", "period"];
        var totals = await reports.TotalsAsync(filter, by, cancellationToken).ConfigureAwait(false);
        var byBand = (await reports.TotalsAsync(filter, [.. by, "age_band"], cancellationToken).ConfigureAwait(false))
            .ToDictionary(t => ReportQueries.GroupKey(t.Group), t => t.Totals);
        var spreads = await reports.SpreadsAsync(filter, by, cancellationToken).ConfigureAwait(false);
        var rows = new List<IReadOnlyDictionary<string, object>>();
        foreach (var (group, t) in totals.OrderBy(t => t.Group[0], StringComparer.Ordinal).ThenBy(t => t.Group[1], StringComparer.Ordinal))
        {
            var key = ReportQueries.GroupKey(group);
            long Open(CellTotals c) => c["submitted"] - c["rejected"] - c["withdrawn"] - c["completed"];
            object Median(string metric, double p)
            {
                var spread = spreads.GetValueOrDefault((key, metric)) ?? Spread.None;
                return spread.Count < Smallest ? Suppressed : Math.Round((p == 50 ? spread.P50 : spread.P90)!.Value, 2);
            }
            var row = new Dictionary<string, object>
            {
                ["municipality"] = group[0],
                ["period"] = group[1],
                ["submitted"] = Count(t["submitted"]),
                ["rejected"] = Count(t["rejected"]),
                ["rejectedPercent"] = Percent(t["rejected"], t["submitted"]),
                ["withdrawn"] = Count(t["withdrawn"]),
                ["completed"] = Count(t["completed"]),
                ["open"] = Count(Open(t)),
                ["receiptMedianWorkingDays"] = Median(HandoverFigures.Metrics.ReceiptWorkingDays, 50),
                ["receiptP90WorkingDays"] = Median(HandoverFigures.Metrics.ReceiptWorkingDays, 90),
                ["careStartedMedianWorkingDays"] = Median(HandoverFigures.Metrics.CareWorkingDays, 50),
                ["careStartedP90WorkingDays"] = Median(HandoverFigures.Metrics.CareWorkingDays, 90),
                ["deadlinesDue"] = Count(t["deadlines_due"]),
                ["deadlinesMetPercent"] = Percent(t["deadlines_met_on_time"], t["deadlines_due"]),
                ["escalationsLevel1"] = Count(t["escalations_l1"]),
                ["escalationsLevel2"] = Count(t["escalations_l2"]),
                ["escalationsLevel3"] = Count(t["escalations_l3"]),
                ["chainToCareMedianWorkingDays"] = Median(HandoverFigures.Metrics.ChainToCareWorkingDays, 50),
                ["chainToCareP90WorkingDays"] = Median(HandoverFigures.Metrics.ChainToCareWorkingDays, 90),
                ["rerouted"] = Count(t["rerouted"]),
                ["waitingNow"] = Count(t["now_waiting"]),
                ["waitedOnWaitingList"] = Count(t["waited"]),
            };
            string[] bandColumns = ["open0to3", "open4to11", "open12to17", "open18plus"];
            for (var i = 0; i < AgeBands.Length; i++)
                row[bandColumns[i]] = byBand.TryGetValue(ReportQueries.GroupKey([.. group, AgeBands[i]]), out var band) ? Count(Open(band)) : 0L;
            rows.Add(row);
        }
        return rows;
    }

    static object Count(long value) => value is > 0 and < Smallest ? Suppressed : value;

    static object Percent(long part, long whole) => whole == 0 ? 0.0 : whole < Smallest ? Suppressed : Math.Round(100.0 * part / whole, 1);

    /// <summary>The rows as CSV (RFC 4180, comma separated, invariant numbers), the columns in <see cref="Columns"/>' order.</summary>
    public static string Csv(IReadOnlyList<IReadOnlyDictionary<string, object>> rows)
    {
        var csv = new StringBuilder().AppendLine(string.Join(",", Columns));
        foreach (var row in rows)
            csv.AppendLine(string.Join(",", Columns.Select(c => Field(row.GetValueOrDefault(c)))));
        return csv.ToString();
    }

    static string Field(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
