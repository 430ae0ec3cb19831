namespace IntegrationHub.Hub.Telemetry;

/// <summary>Metrics and traces (configuration section Hub:Telemetry; docs/operators.md#metrics-traces-and-request-logs).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Hub:Telemetry";

    /// <summary>An OpenTelemetry collector (OTLP), e.g. http://otel-collector:4317. Not set or empty: nothing is exported.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The collector's address, null when export is off; a value that is no absolute http(s) URL stops the start.</summary>
    public Uri? OtlpUri => string.IsNullOrWhiteSpace(OtlpEndpoint) ? null
        : Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw new InvalidOperationException("Hub:Telemetry:OtlpEndpoint must be an absolute http or https URL, e.g. http://otel-collector:4317");
    /// <summary>grpc (default) or http/protobuf.</summary>
    public string OtlpProtocol { get; set; } = "grpc";
    /// <summary>service.name on every span and metric.</summary>
    public string ServiceName { get; set; } = "integrationhub";
    /// <summary>The scrape endpoint (GET, operators and monitors only); empty turns it off.</summary>
    public string MetricsPath { get; set; } = "/metrics";
    /// <summary>How old the standing figures (read from the database) may be when a scrape or an export reads them.</summary>
    public TimeSpan FiguresMaxAge { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How often the standing figures are exported over OTLP.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(30);
}
