using IntegrationHub.Hub.Access;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prometheus;

namespace IntegrationHub.Hub.Telemetry;

/// <summary>
/// Metrics and traces: the Prometheus scrape endpoint (always, for operators and monitors), and OpenTelemetry over
/// OTLP when <see cref="TelemetryOptions.OtlpEndpoint"/> is set (off otherwise: nothing leaves the hub).
/// </summary>
public static class TelemetryRegistration
{
    public static TelemetryOptions AddHubTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<HubFigures>();
        services.AddSingleton<HubScrapeMetrics>();

        // What is traced and measured, whoever builds the providers: the OTLP export below, or a test's in-memory exporter.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(HubTracing.SourceName)
            .AddAspNetCoreInstrumentation(o =>
            {
                o.RecordException = false;
                o.EnrichWithHttpResponse = (activity, response) => RequestPrivacy.Scrub(activity, response.HttpContext);
            })
            .AddNpgsql());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter(HubMetrics.MeterName, HubFigureExport.MeterName, "Npgsql")
            .AddAspNetCoreInstrumentation());

        if (options.OtlpUri is { } endpoint)
        {
            void Otlp(OtlpExporterOptions o)
            {
                o.Endpoint = endpoint;
                o.Protocol = string.Equals(options.OtlpProtocol, "http/protobuf", StringComparison.OrdinalIgnoreCase)
                    ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            }
            services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService(options.ServiceName))
                .WithTracing(t => t.AddOtlpExporter(Otlp))
                .WithMetrics(m => m.AddOtlpExporter((exporter, reader) =>
                {
                    Otlp(exporter);
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.ExportInterval.TotalMilliseconds;
                }));
            services.AddHostedService<HubFigureExport>();
        }
        return options;
    }

    /// <summary>HTTP request metrics by route template, into this hub's registry.</summary>
    public static void UseHubHttpMetrics(this WebApplication app) =>
        app.UseHttpMetrics(o =>
        {
            o.SetMetricFactory(Metrics.WithCustomRegistry(app.Services.GetRequiredService<HubScrapeMetrics>().Registry));
            o.ReduceStatusCodeCardinality();
        });

    /// <summary>GET /metrics (Prometheus text or OpenMetrics): named callers only, like every call but /health (API.md v2).</summary>
    public static void MapHubMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (string.IsNullOrWhiteSpace(options.MetricsPath))
            return;
        app.MapMetrics(options.MetricsPath, app.Services.GetRequiredService<HubScrapeMetrics>().Registry)
            .RequireAuthorization(AccessPolicies.Metrics)
            .WithTags("Metrics");
    }
}
