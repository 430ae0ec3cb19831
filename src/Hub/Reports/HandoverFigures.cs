using IntegrationHub.Contracts.Handover;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Handover;

namespace IntegrationHub.Hub.Reports;

/// <summary>The cell a handover is counted in: period of submission, municipality, agency pair and age band.</summary>
public sealed record ReportKey(string Period, string Municipality, string Sender, string Receiver, string AgeBand);

/// <summary>One open escalation as the operators' list shows it, kept in a table of its own.</summary>
public sealed record OpenEscalationRow(int Level, string DeadlineKind, DateTimeOffset OverdueSince, DateTimeOffset RaisedAt, string Addressees);

/// <summary>
/// What one handover contributes to the read model, as a pure function of its state: counters in its cell,
/// one bucket per lead time it has, and its open escalations. A step's effect on the read model is the
/// difference between its figures before and after (<see cref="ReportDeltas"/>), so the tables are kept
/// incrementally, in the step's own transaction, and never by decoding every saga.
/// </summary>
public sealed record HandoverFigures(
    Guid HandoverId, ReportKey Key, long[] Counters, IReadOnlyList<(string Metric, int Bucket)> LeadTimes,
    IReadOnlyList<OpenEscalationRow> OpenEscalations)
{
    /// <summary>The counter columns of report_counts, in order.</summary>
    public static readonly IReadOnlyList<string> CounterNames =
    [
        "submitted", "delivered", "receipt_confirmed", "care_started", "rejected", "withdrawn", "completed",
        "deadlines_due", "deadlines_met_on_time", "escalations_l1", "escalations_l2", "escalations_l3", "escalations_resolved",
        "delivery_late",
        // Where it is now (one of these is 1): counts by state without counting the handovers table.
        "now_submitted", "now_delivered", "now_receipt_confirmed", "now_care_started",
        // On a receiver's waiting list now (lack of capacity, seed 001:3439-3440), and re-routes owed by senders.
        "now_waiting", "reroutes_owed", "rerouted",
        // Lack of capacity per receiver: ever on its waiting list, waiting past the expected start now, open escalations
        // on request for no capacity about it.
        "waited", "waiting_overdue", "no_capacity_open",
    ];

    public static class Metrics
    {
        public const string ReceiptHours = "receipt_hours";
        public const string ReceiptWorkingDays = "receipt_workdays";
        public const string CareHours = "care_hours";
        public const string CareWorkingDays = "care_workdays";
        /// <summary>From the first handover of a chain of re-routes (or this one) to care started: the child's wait, across links.</summary>
        public const string ChainToCareWorkingDays = "chain_to_care_workdays";
        public const string ChainToCareHours = "chain_to_care_hours";
        /// <summary>How long it was on the receiver's waiting list: accepted-waiting to care started.</summary>
        public const string WaitingWorkingDays = "waiting_workdays";

        public static readonly IReadOnlyList<string> All =
            [ReceiptHours, ReceiptWorkingDays, CareHours, CareWorkingDays, ChainToCareWorkingDays, ChainToCareHours, WaitingWorkingDays];
    }

    public static HandoverFigures Of(HandoverState s, CovenantBook covenants)
    {
        var calendar = covenants.For(s.Sender, s.Receiver).Calendar;
        // The hub's own delivery term measures the hub, not the pair, and a transition date is a notice, not a duty: not in compliance.
        var owed = s.Deadlines.Where(d => d.Kind is not (DeadlineKinds.Delivery or DeadlineKinds.Transition) && IsDue(d)).ToList();
        long Flag(bool b) => b ? 1 : 0;
        var counters = new long[]
        {
            1,
            Flag(s.DeliveredAt is not null),
            Flag(s.ReceiptAt is not null),
            Flag(s.CareStartedAt is not null),
            Flag(s.CurrentState == HandoverMachine.Rejected),
            Flag(s.CurrentState == HandoverMachine.Withdrawn),
            Flag(s.CurrentState == HandoverMachine.CareCompleted),
            owed.Count,
            owed.Count(d => d.MetAt is { } met && met <= d.DueAt),
            s.Escalations.Count(e => e.Level == 1),
            s.Escalations.Count(e => e.Level == 2),
            s.Escalations.Count(e => e.Level == 3),
            s.Escalations.Count(e => e.ResolvedAt is not null),
            Flag(s.Deadlines.Any(d => d.Kind == DeadlineKinds.Delivery && d.MissedAt is not null)),
            Flag(s.CurrentState is HandoverMachine.Submitted or HandoverMachine.Initial or ""),
            Flag(s.CurrentState == HandoverMachine.Delivered),
            Flag(s.CurrentState == HandoverMachine.Received),
            Flag(s.CurrentState == HandoverMachine.InCare),
            Flag(s.WaitingSince is not null && s.CareStartedAt is null && s.CurrentState is HandoverMachine.Received),
            Flag(s.Deadlines.Any(d => d.Kind == DeadlineKinds.Reroute && d.MetAt is null && d.ClosedAt is null)),
            Flag(s.SuccessorHandoverId is not null),
            Flag(s.WaitingSince is not null),
            Flag(s.WaitingSince is not null && s.CareStartedAt is null && s.CurrentState is HandoverMachine.Received
                 && s.Deadlines.Any(d => d.Kind == DeadlineKinds.Waiting && d.MissedAt is not null && d.MetAt is null && d.ClosedAt is null)),
            s.Escalations.Count(e => e.ResolvedAt is null && e.Reason == Contracts.Messages.EscalationReasons.NoCapacity && e.About == s.Receiver),
        };
        var leadTimes = new List<(string, int)>();
        if (s.DeliveredAt is { } delivered && s.ReceiptAt is { } receipt && receipt >= delivered)
        {
            leadTimes.Add((Metrics.ReceiptHours, LeadTimeBuckets.Of((receipt - delivered).TotalHours)));
            leadTimes.Add((Metrics.ReceiptWorkingDays, LeadTimeBuckets.Of(calendar.WorkingDaysBetween(delivered, receipt))));
        }
        if (s.ReceiptAt is { } from && s.CareStartedAt is { } started && started >= from)
        {
            leadTimes.Add((Metrics.CareHours, LeadTimeBuckets.Of((started - from).TotalHours)));
            leadTimes.Add((Metrics.CareWorkingDays, LeadTimeBuckets.Of(calendar.WorkingDaysBetween(from, started))));
        }
        if (s.CareStartedAt is { } care)
        {
            // The child's wait across re-routes: from the first handover of its chain of predecessors (or this one).
            var chainStart = s.ChainStartedAt ?? s.SubmittedAt;
            leadTimes.Add((Metrics.ChainToCareWorkingDays, LeadTimeBuckets.Of(calendar.WorkingDaysBetween(chainStart, care))));
            leadTimes.Add((Metrics.ChainToCareHours, LeadTimeBuckets.Of((care - chainStart).TotalHours)));
            if (s.WaitingSince is { } waiting && care >= waiting)
                leadTimes.Add((Metrics.WaitingWorkingDays, LeadTimeBuckets.Of(calendar.WorkingDaysBetween(waiting, care))));
        }
        var open = s.Escalations.Where(e => e.ResolvedAt is null).Select(e => new OpenEscalationRow(e.Level, e.DeadlineKind, e.OverdueSince, e.RaisedAt,
            string.Join("; ", e.Addressees.Select(a => a.Name is null ? $"{a.Role} at {a.AgencyId}" : $"{a.Role} at {a.AgencyId} ({a.Name})")))).ToList();
        var key = new ReportKey(ReportDimensions.Period(s.SubmittedAt), s.Municipality.Length > 0 ? s.Municipality : ReportDimensions.UnknownMunicipality,
            s.Sender, s.Receiver, s.AgeBand.Length > 0 ? s.AgeBand : "?");
        return new HandoverFigures(s.CorrelationId, key, counters, leadTimes, open);
    }

    /// <summary>
    /// A deadline counts once it is decided: met (on time or late), missed, or closed after it fell due.
    /// One closed before it fell due (the handover was rejected or withdrawn) was never owed.
    /// </summary>
    static bool IsDue(DeadlineEntry d) => d.MetAt is not null || d.MissedAt is not null || (d.ClosedAt is { } closed && closed > d.DueAt);
}
