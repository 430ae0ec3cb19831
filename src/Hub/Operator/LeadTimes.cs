using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Persistence;

namespace IntegrationHub.Hub.Operator;

/// <summary>Median and p90 of one lead time (doorlooptijd) in hours, over <see cref="Count"/> handovers that got that far.</summary>
public sealed record LeadTime(int Count, double? MedianHours, double? P90Hours);

/// <summary>
/// One agency pair's record: delivery to receipt, receipt to care started, and deadline compliance
/// (termijnnaleving) = deadlines met on time / deadlines due, in %.
/// </summary>
public sealed record LeadTimeRow(
    string Sender, string Receiver, int Handovers, LeadTime DeliveryToReceipt, LeadTime ReceiptToCareStarted,
    int DeadlinesDue, int DeadlinesMetOnTime, double? CompliancePercent);

public sealed record LeadTimeReport(IReadOnlyList<LeadTimeRow> Items, int Page, int PageSize, long Total, LeadTimeRow Overall);

/// <summary>Lead times and deadline compliance per sender/receiver pair, from durable saga state.</summary>
public sealed class LeadTimes(HubDatabase database, TimeProvider clock)
{
    public async Task<LeadTimeReport> ReportAsync(PageRequest page, CancellationToken cancellationToken)
    {
        var states = await SagaData.ReadAsync(database, "1 = 1", cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var pairs = states
            .GroupBy(s => (s.Sender, s.Receiver))
            .Select(g => Row(g.Key.Sender, g.Key.Receiver, g.ToList(), now))
            .OrderBy(r => r.Sender, StringComparer.Ordinal).ThenBy(r => r.Receiver, StringComparer.Ordinal)
            .ToList();
        var slice = page.Slice(pairs);
        return new LeadTimeReport(slice.Items, slice.Page, slice.PageSize, slice.Total, Row("*", "*", states, now));
    }

    internal static LeadTimeRow Row(string sender, string receiver, IReadOnlyList<HandoverState> states, DateTimeOffset now)
    {
        // The hub's own delivery term measures the hub, not the agencies of the pair.
        var deadlines = states.SelectMany(s => s.Deadlines).Where(d => d.Kind != Contracts.Handover.DeadlineKinds.Delivery && IsDue(d, now)).ToList();
        var onTime = deadlines.Count(d => d.MetAt is { } met && met <= d.DueAt);
        return new LeadTimeRow(
            sender, receiver, states.Count,
            Measure(states.Select(s => Hours(s.DeliveredAt, s.ReceiptAt))),
            Measure(states.Select(s => Hours(s.ReceiptAt, s.CareStartedAt))),
            deadlines.Count, onTime,
            deadlines.Count == 0 ? null : Math.Round(100.0 * onTime / deadlines.Count, 1));
    }

    /// <summary>
    /// A deadline counts once it is decided: met (on time or late), missed, or past due while still awaited.
    /// One closed before it fell due (the handover was rejected or withdrawn) was never owed, so it does not count.
    /// </summary>
    static bool IsDue(DeadlineEntry d, DateTimeOffset now) =>
        d.MetAt is not null || d.MissedAt is not null || (d.DueAt <= now && (d.ClosedAt is null || d.ClosedAt > d.DueAt));

    static double? Hours(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } f && to is { } t && t >= f ? (t - f).TotalHours : null;

    static LeadTime Measure(IEnumerable<double?> hours)
    {
        var values = hours.Where(h => h is not null).Select(h => h!.Value).ToList();
        return new LeadTime(values.Count, Round(Percentiles.Of(values, 50)), Round(Percentiles.Of(values, 90)));
    }

    static double? Round(double? hours) => hours is { } h ? Math.Round(h, 1) : null;
}
