using IntegrationHub.Hub.Telemetry;
using Serilog;
using Serilog.Events;

namespace IntegrationHub.Hub.Hosting;

/// <summary>
/// Serilog for the host (Serilog.AspNetCore), configured from the Serilog section when it has sinks, else the
/// console. Structured properties carry ids only: handover, message and agency ids, never a BSN, name or document.
/// Each HTTP request is one line (<see cref="UseHubRequestLogging"/>) instead of ASP.NET Core's own request
/// logs, which quote the path and query string.
/// </summary>
public static class HubLogging
{
    public static void AddHubLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // A logger per host, not the static Log.Logger: hubs hosted side by side (tests) each keep their own sinks.
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.With<WithoutRequestPath>()
                .Enrich.WithProperty("App", "IntegrationHub")
                .ReadFrom.Configuration(configuration);
            // Whatever the configuration says, the framework's per-request lines stay off: they quote the URL
            // (hosting's request start and end, routing's matching, Kestrel's bad request lines).
            foreach (var quotesUrls in new[] { "Microsoft.AspNetCore.Hosting.Diagnostics", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Server.Kestrel" })
                logger.MinimumLevel.Override(quotesUrls, LogEventLevel.Warning);
            if (!configuration.GetSection("Serilog:WriteTo").GetChildren().Any())
                logger.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}");
        }, preserveStaticLogger: true);
    }

    /// <summary>
    /// One line per request: method, route template, status, time, and who called (role and agency id, not an
    /// operator's name). Never the path, the query string, headers or the body (<see cref="RequestPrivacy"/>).
    /// </summary>
    public static void UseHubRequestLogging(this WebApplication app) =>
        app.UseSerilogRequestLogging(o =>
        {
            // This host's logger (the static Log.Logger is left alone, see AddHubLogging).
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestRoute} answered {StatusCode} in {Elapsed:0.0} ms";
            o.GetMessageTemplateProperties = (http, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RequestRoute", new ScalarValue(RequestPrivacy.Route(http))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                if (http.User.FindFirst(Access.HubClaims.Role)?.Value is { } role)
                    diagnostics.Set("CallerRole", role);
                if (http.User.FindFirst(Access.HubClaims.Agency)?.Value is { } agency)
                    diagnostics.Set("CallerAgency", agency);
            };
            // Health probes every few seconds would drown the rest.
            o.GetLevel = (http, _, failure) => failure is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : RequestPrivacy.Route(http) == "/health" ? LogEventLevel.Debug : LogEventLevel.Information;
        });
}

/// <summary>
/// ASP.NET Core opens a logging scope per request with its raw path (RequestPath); every event logged during
/// the request would carry it into a structured sink. The route template is what the request line names.
/// </summary>
sealed class WithoutRequestPath : Serilog.Core.ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, Serilog.Core.ILogEventPropertyFactory propertyFactory) => logEvent.RemovePropertyIfPresent("RequestPath");
}
