using Serilog;
using Serilog.Events;

namespace IntegrationHub.Hub.Hosting;

/// <summary>
/// Serilog through Microsoft.Extensions.Logging (Serilog.AspNetCore is not on the mirror). Structured
/// properties carry ids only: handover, message and agency ids, never a BSN, name or document.
/// </summary>
public static class HubLogging
{
    public static void AddHubLogging(this WebApplicationBuilder builder)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("App", "IntegrationHub")
            .ReadFrom.Configuration(builder.Configuration);
        if (builder.Configuration.GetSection("Serilog:WriteTo").GetChildren().Any() is false)
            configuration.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}");
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);
    }
}
