using System.Collections.Immutable;
using System.Diagnostics.Metrics;

namespace IntegrationHub.Hub.Telemetry;

/// <summary>
/// What the hub counts as it works: how long its steps take, how late deadlines fire, what it refuses and sends.
/// Recorded once, published twice: on the .NET meter <see cref="MeterName"/> (exported over OTLP when configured)
/// and on the Prometheus registry of every hub in the process (<see cref="HubScrapeMetrics"/>; one in production).
/// Labels are step names, agency ids, channels and kinds: never a person's data, never a handover id (an
/// unbounded label would grow the registry without end).
/// </summary>
public static class HubMetrics
{
    public const string MeterName = "IntegrationHub";

    static readonly Meter Meter = new(MeterName, typeof(HubMetrics).Assembly.GetName().Version?.ToString());
    static readonly Histogram<double> StepDurations = Meter.CreateHistogram<double>("integrationhub.step.duration", "s",
        "From the cause of a saga step (an intake, a delivery, a deadline batch) to its commit");
    static readonly Histogram<double> DeadlineLags = Meter.CreateHistogram<double>("integrationhub.deadline.lag", "s",
        "From when a deadline fell due (hub clock) to when its step was committed");
    static readonly Counter<long> Refusals = Meter.CreateCounter<long>("integrationhub.inbound.refusals", "{message}",
        "Inbound messages refused (kept in the rejects list)");
    static readonly Counter<long> MailSent = Meter.CreateCounter<long>("integrationhub.mail.sent", "{mail}",
        "Agency mail handed to its drop and marked sent");

    static readonly Counter<long> BusyAnswers = Meter.CreateCounter<long>("integrationhub.admission.busy", "{call}",
        "Agency writes answered 503 at the admission limit (nothing stored; the agency sends them again)");

    static ImmutableArray<HubScrapeMetrics> _scrapes = [];

    internal static void Attach(HubScrapeMetrics scrape) => ImmutableInterlocked.Update(ref _scrapes, s => s.Add(scrape));
    internal static void Detach(HubScrapeMetrics scrape) => ImmutableInterlocked.Update(ref _scrapes, s => s.Remove(scrape));

    /// <summary><paramref name="count"/> steps of kind <paramref name="step"/> committed together after <paramref name="elapsed"/>.</summary>
    public static void StepCommitted(string step, TimeSpan elapsed, int count = 1)
    {
        if (count <= 0)
            return;
        var seconds = Math.Max(0, elapsed.TotalSeconds);
        var tag = new KeyValuePair<string, object?>("step", step);
        for (var i = 0; i < count; i++)
            StepDurations.Record(seconds, tag);
        foreach (var scrape in _scrapes)
            scrape.StepDuration.WithLabels(step).Observe(seconds, count);
    }

    /// <summary>A deadline step committed <paramref name="lag"/> after the deadline fell due.</summary>
    public static void DeadlineFired(TimeSpan lag)
    {
        var seconds = Math.Max(0, lag.TotalSeconds);
        DeadlineLags.Record(seconds);
        foreach (var scrape in _scrapes)
            scrape.DeadlineLag.Observe(seconds);
    }

    /// <param name="channel">the rejects list's channel; its kind (api, amqp, ...) is the label, not the queue or path.</param>
    public static void Refused(string channel, string? agency)
    {
        var kind = channel.Split(':', 2)[0];
        var who = agency ?? "unknown";
        Refusals.Add(1, new("channel", kind), new("agency", who));
        foreach (var scrape in _scrapes)
            scrape.Refusals.WithLabels(kind, who).Inc();
    }

    /// <summary>An agency's write answered 503 by the admission limit (nothing stored).</summary>
    public static void Busy(string agency)
    {
        BusyAnswers.Add(1, new KeyValuePair<string, object?>("agency", agency));
        foreach (var scrape in _scrapes)
            scrape.Busy.WithLabels(agency).Inc();
    }

    public static void Sent(string kind, string agency)
    {
        MailSent.Add(1, new("kind", kind), new("agency", agency));
        foreach (var scrape in _scrapes)
            scrape.MailSent.WithLabels(kind, agency).Inc();
    }
}
