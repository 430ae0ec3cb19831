using System.Diagnostics.Metrics;

namespace IntegrationHub.Hub.Telemetry;

/// <summary>
/// The standing figures as OpenTelemetry gauges (meter <see cref="MeterName"/>), for a hub that exports over OTLP:
/// read every <see cref="TelemetryOptions.ExportInterval"/> in the background, so an export never waits for the
/// database. Only registered when an OTLP endpoint is configured.
/// </summary>
public sealed class HubFigureExport(HubFigures figures, IMeterFactory meters, TelemetryOptions options, ILogger<HubFigureExport> logger) : BackgroundService
{
    public const string MeterName = "IntegrationHub.Figures";

    FiguresSnapshot? _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("integrationhub.handovers", () => Each(s => s.HandoverByStateMeasurements()), "{handover}", "Handovers by public state");
        meter.CreateObservableGauge("integrationhub.handovers.overdue", () => Each<long>(s => [new Measurement<long>(s.Overdue)]), "{handover}");
        meter.CreateObservableGauge("integrationhub.escalations.open", () => Each(s => s.OpenEscalationsByLevel
            .Select(l => new Measurement<long>(l.Value, new KeyValuePair<string, object?>("level", l.Key)))), "{escalation}");
        meter.CreateObservableGauge("integrationhub.outbox.pending", () => Each<long>(s => [new Measurement<long>(s.OutboxPending)]), "{row}");
        meter.CreateObservableGauge("integrationhub.outbox.parked", () => Each<long>(s => [new Measurement<long>(s.OutboxParked)]), "{row}");
        meter.CreateObservableGauge("integrationhub.deadlines.due", () => Each<long>(s => [new Measurement<long>(s.DeadlinesDue)]), "{handover}");
        meter.CreateObservableGauge("integrationhub.deadline.backlog", () => Each<double>(s => [new Measurement<double>(s.DeadlineBacklogSeconds)]), "s");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _last = await figures.CurrentAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is down: /health says so; the gauges keep their last values meanwhile.
                logger.LogWarning("Reading the standing figures for export failed ({Error})", e.GetType().Name);
            }
            try
            {
                await Task.Delay(options.ExportInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    IEnumerable<Measurement<T>> Each<T>(Func<FiguresSnapshot, IEnumerable<Measurement<T>>> read) where T : struct =>
        _last is { } last ? read(last) : [];
}

static class FiguresMeasurements
{
    public static IEnumerable<Measurement<long>> HandoverByStateMeasurements(this FiguresSnapshot snapshot) =>
        snapshot.HandoversByState.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("state", s.Key)));
}
