using IntegrationHub.Hub.Reports;

namespace IntegrationHub.Hub.Operator;

/// <summary>
/// Median and p90 of one lead time (doorlooptijd) over <see cref="Count"/> handovers that got that far, in hours
/// and in working days (read from bucket counts: within about 1 %).
/// </summary>
public sealed record LeadTime(long Count, double? MedianHours, double? P90Hours, double? MedianWorkingDays, double? P90WorkingDays);

/// <summary>
/// One agency pair's record: delivery to receipt, receipt to care started, and deadline compliance
/// (termijnnaleving) = deadlines met on time / deadlines due, in %. <see cref="ChainToCareStarted"/>: from the first
/// handover of a chain of re-routes (rejected or withdrawn predecessors) to care started, counted on the handover that
/// started care; <see cref="Rerouted"/>: this pair's handovers that were re-routed to another receiver.
/// </summary>
public sealed record LeadTimeRow(
    string Sender, string Receiver, long Handovers, LeadTime DeliveryToReceipt, LeadTime ReceiptToCareStarted,
    long DeadlinesDue, long DeadlinesMetOnTime, double? CompliancePercent, LeadTime? ChainToCareStarted = null, long Rerouted = 0);

public sealed record LeadTimeReport(IReadOnlyList<LeadTimeRow> Items, int Page, int PageSize, long Total, LeadTimeRow Overall);

/// <summary>Lead times and deadline compliance per sender/receiver pair, from the read model.</summary>
public sealed class LeadTimes(ReportQueries reports)
{
    public async Task<LeadTimeReport> ReportAsync(PageRequest page, ReportFilter filter, CancellationToken cancellationToken)
    {
        string[] byPair = ["sender", "receiver"];
        var totals = await reports.TotalsAsync(filter, byPair, cancellationToken).ConfigureAwait(false);
        var buckets = await reports.SpreadsAsync(filter, byPair, cancellationToken).ConfigureAwait(false);
        var overallTotals = await reports.TotalsAsync(filter, [], cancellationToken).ConfigureAwait(false);
        var overallBuckets = await reports.SpreadsAsync(filter, [], cancellationToken).ConfigureAwait(false);

        var pairs = totals
            .Select(t => Row(t.Group[0], t.Group[1], t.Totals, buckets, ReportQueries.GroupKey(t.Group)))
            .Where(r => r.Handovers > 0)
            .OrderBy(r => r.Sender, StringComparer.Ordinal).ThenBy(r => r.Receiver, StringComparer.Ordinal)
            .ToList();
        var overall = overallTotals.Count == 0 ? Row("*", "*", new CellTotals(new Dictionary<string, long>()), overallBuckets, "")
            : Row("*", "*", overallTotals[0].Totals, overallBuckets, "");
        var slice = page.Slice(pairs);
        return new LeadTimeReport(slice.Items, slice.Page, slice.PageSize, slice.Total, overall);
    }

    static LeadTimeRow Row(string sender, string receiver, CellTotals t, IReadOnlyDictionary<(string Group, string Metric), Spread> spreads, string group)
    {
        LeadTime Measure(string hours, string workingDays)
        {
            var h = spreads.GetValueOrDefault((group, hours)) ?? Spread.None;
            var wd = spreads.GetValueOrDefault((group, workingDays)) ?? Spread.None;
            return new LeadTime(h.Count, Round(h.P50, 1), Round(h.P90, 1), Round(wd.P50, 2), Round(wd.P90, 2));
        }
        var due = t["deadlines_due"];
        var onTime = t["deadlines_met_on_time"];
        return new LeadTimeRow(sender, receiver, t["submitted"],
            Measure(HandoverFigures.Metrics.ReceiptHours, HandoverFigures.Metrics.ReceiptWorkingDays),
            Measure(HandoverFigures.Metrics.CareHours, HandoverFigures.Metrics.CareWorkingDays),
            due, onTime, due == 0 ? null : Math.Round(100.0 * onTime / due, 1),
            Measure(HandoverFigures.Metrics.ChainToCareHours, HandoverFigures.Metrics.ChainToCareWorkingDays), t["rerouted"]);
    }

    static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}
