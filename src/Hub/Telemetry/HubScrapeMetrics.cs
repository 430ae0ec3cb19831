using IntegrationHub.Hub.Operator;
using Prometheus;

namespace IntegrationHub.Hub.Telemetry;

/// <summary>
/// This hub's Prometheus registry, served at <see cref="TelemetryOptions.MetricsPath"/>: the standing figures
/// (<see cref="HubFigures"/>, read when scraped), the event metrics of <see cref="HubMetrics"/>, HTTP requests by
/// route template, and the process. A registry per hub, not prometheus-net's static one, so hubs hosted side by
/// side (tests) each report their own database. Names: integrationhub_*; figures that describe the whole hub are
/// the same from every instance on one database (aggregate them with max, not sum).
/// </summary>
public sealed class HubScrapeMetrics : IDisposable
{
    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    internal Histogram StepDuration { get; }
    internal Histogram DeadlineLag { get; }
    internal Counter Refusals { get; }
    internal Counter MailSent { get; }
    internal Counter Busy { get; }

    public HubScrapeMetrics(HubFigures figures, Http.AdmissionGate admission, Reports.LeadTimeCells cells)
    {
        var factory = Metrics.WithCustomRegistry(Registry);
        StepDuration = factory.CreateHistogram("integrationhub_step_duration_seconds",
            "Saga steps: from their cause (an intake, a confirmed delivery, a deadline batch) to their commit, by step",
            ["step"], new HistogramConfiguration { Buckets = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        DeadlineLag = factory.CreateHistogram("integrationhub_deadline_lag_seconds",
            "Deadlines: from falling due (hub clock) to their step's commit",
            new HistogramConfiguration { Buckets = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        Refusals = factory.CreateCounter("integrationhub_inbound_refusals_total", "Inbound messages refused, by channel (http, amqp) and agency",
            ["channel", "agency"]);
        MailSent = factory.CreateCounter("integrationhub_mail_sent_total", "Agency mail handed to its drop and marked sent, by kind and agency",
            ["kind", "agency"]);
        Busy = factory.CreateCounter("integrationhub_admission_busy_total",
            "Agency writes answered 503 at the admission limit (Hub:Admission), by agency: nothing stored, the agency sends them again", ["agency"]);

        var byState = factory.CreateGauge("integrationhub_handovers", "Handovers by public state (read model)", ["state"]);
        var submitted = factory.CreateGauge("integrationhub_handovers_submitted", "Handovers ever accepted (read model)");
        var overdue = factory.CreateGauge("integrationhub_handovers_overdue", "Handovers with a missed deadline not yet met");
        var escalations = factory.CreateGauge("integrationhub_escalations_open", "Open escalations by ladder level", ["level"]);
        var pending = factory.CreateGauge("integrationhub_outbox_pending", "Outbox rows waiting to be sent (not parked)");
        var oldest = factory.CreateGauge("integrationhub_outbox_oldest_pending_seconds", "Age of the oldest outbox row waiting to be sent");
        var parked = factory.CreateGauge("integrationhub_outbox_parked", "Outbox rows parked for an operator");
        var due = factory.CreateGauge("integrationhub_deadlines_due", "Handovers whose next due time has passed and whose step has not fired yet");
        var backlog = factory.CreateGauge("integrationhub_deadline_backlog_seconds", "How long the oldest due, unfired due time has waited (hub clock)");
        var rejects = factory.CreateGauge("integrationhub_rejects_unreplayed", "Refused messages no operator has replayed yet");
        // This instance's own state, read as it is scraped (no database): sum these over instances.
        var inProgress = factory.CreateGauge("integrationhub_admission_in_progress", "Agency writes this instance is working on now (Hub:Admission)");
        var waiting = factory.CreateGauge("integrationhub_admission_waiting", "Agency writes waiting for a place now (Hub:Admission)");
        var kept = factory.CreateGauge("integrationhub_report_buckets_kept", "Lead-time buckets this instance keeps in memory for the reports (12 bytes each)");
        var bucketRows = factory.CreateCounter("integrationhub_report_bucket_rows_read_total", "Lead-time bucket rows the reports read from the database");
        Registry.AddBeforeCollectCallback(() =>
        {
            var (busy, line) = admission.Now;
            inProgress.Set(busy);
            waiting.Set(line);
            kept.Set(cells.BucketsKept);
            bucketRows.IncTo(cells.BucketRowsRead);
        });
        Registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            var now = await figures.CurrentAsync(cancellationToken).ConfigureAwait(false);
            foreach (var state in StateCounts.States)
                byState.WithLabels(state).Set(now.HandoversByState.GetValueOrDefault(state));
            submitted.Set(now.Submitted);
            overdue.Set(now.Overdue);
            // Levels 1 to 3 always shown, so an alert on a level sees 0 rather than nothing.
            foreach (var level in now.OpenEscalationsByLevel.Keys.Concat([1, 2, 3]).Distinct())
                escalations.WithLabels(level.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set(now.OpenEscalationsByLevel.GetValueOrDefault(level));
            pending.Set(now.OutboxPending);
            oldest.Set(now.OutboxOldestPendingSeconds);
            parked.Set(now.OutboxParked);
            due.Set(now.DeadlinesDue);
            backlog.Set(now.DeadlineBacklogSeconds);
            rejects.Set(now.RejectsNotReplayed);
        });
        DotNetStats.Register(Registry);
        HubMetrics.Attach(this);
    }

    public void Dispose() => HubMetrics.Detach(this);
}
