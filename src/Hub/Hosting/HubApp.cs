using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.AgencyAdapters;
using IntegrationHub.Hub.ApiReference;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Hub.Covenants;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Email;
using IntegrationHub.Hub.Escalation;
using IntegrationHub.Hub.Feedback;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Health;
using IntegrationHub.Hub.Http;
using IntegrationHub.Hub.Language;
using IntegrationHub.Hub.Operator;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;
using IntegrationHub.Hub.Privacy;
using IntegrationHub.Hub.Rejects;
using IntegrationHub.Hub.Signals;
using IntegrationHub.Hub.Coordination;
using IntegrationHub.Hub.Telemetry;
using Quartz;

namespace IntegrationHub.Hub.Hosting;

/// <summary>Builds the hub: one place that wires every feature, used by Program and by the tests.</summary>
public static class HubApp
{
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.AddHubLogging();
        builder.AddHubTelemetry();
        var options = builder.Configuration.GetSection("Hub").Get<HubOptions>() ?? new HubOptions();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 8 * 1024 * 1024;
            if (options.Https.ClientCertificates.Enabled)
                k.ConfigureHttpsDefaults(https =>
                {
                    // Asked for, not required: operators and auditors use keys; an agency's certificate is checked here and mapped by the hub.
                    https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.AllowCertificate;
                    https.ClientCertificateValidation = k.ApplicationServices.GetRequiredService<ClientCertificates>().Validate;
                });
        });

        var database = await OpenDatabaseAsync(options);
        builder.Services.AddHub(options, database);
        builder.Services.AddHubAccess();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<HubExceptionHandler>();
        builder.Services.AddSingleton<RefusalBudget>();
        builder.Services.AddSingleton<AdmissionGate>();
        builder.Services.AddHubOpenApi();
        builder.Services.AddHubLanguage(builder.Configuration);

        var app = builder.Build();
        AccessCheck.Verify(app.Services.GetRequiredService<AccessKeys>(), options, app.Services.GetRequiredService<AgencyDirectory>());
        // Outermost: one log line per request with its final status, and its metrics, by route template.
        app.UseHubRequestLogging();
        app.UseHubHttpMetrics();
        // Then: a failure anywhere is problem+json (503 when the database is unavailable), never an empty 500.
        app.UseExceptionHandler();
        await Reports.ReadModelRebuild.EnsureBuiltAsync(database, app.Services.GetRequiredService<CovenantBook>(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IntegrationHub.Hub.Reports"));
        app.UseRequestLocalization();
        app.UseAuthentication();
        // Between authentication and authorization: it knows the caller and sees the 401s and 403s.
        app.UseMiddleware<RefusalLimit>();
        app.UseAuthorization();
        // After authorization: only an agency allowed to make the call takes a place.
        app.UseMiddleware<Admission>();
        app.MapHandovers();
        app.MapEscalations();
        app.MapAdapterIngress();
        app.MapAgencyMail();
        Retour.RetourEndpoints.MapRetours(app);
        EmailQueue.MapEmailStatus(app);
        WaitingList.WaitingLists.Map(app);
        app.MapHubHealth();
        app.MapSimulatedClock();
        app.MapAudit();
        app.MapOperator();
        app.MapApiReference();
        app.MapSignals();
        app.MapFamilies();
        app.MapHubMetrics();
        return app;
    }

    static async Task<HubDatabase> OpenDatabaseAsync(HubOptions options)
    {
        HubDatabase database;
        if (string.Equals(options.Database.Provider, "postgres", StringComparison.OrdinalIgnoreCase))
            database = new HubDatabase(DatabaseProvider.Postgres, options.Database.ConnectionString
                ?? throw new InvalidOperationException("Hub:Database:ConnectionString is required when Hub:Database:Provider is postgres"));
        else if (string.Equals(options.Database.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            Directory.CreateDirectory(options.DataDirectory);
            database = HubDatabase.SqliteFile(options.Database.ConnectionString ?? Path.Combine(options.DataDirectory, "hub.db"));
        }
        else
            throw new InvalidOperationException($"Hub:Database:Provider '{options.Database.Provider}' is not sqlite or postgres");
        await Schema.EnsureCreatedAsync(database);
        return database;
    }

    static IServiceCollection AddHub(this IServiceCollection services, HubOptions options, HubDatabase database)
    {
        // A hub on RabbitMQ without a user of its own (or as guest) does not start rather than half-start.
        if (options.UsesRabbitMq)
            RabbitMqSettings.EnsureUsable(options.RabbitMq);
        services.AddHubCore(options, database);
        services.AddHostedService<AgencyTopology>();
        services.AddHostedService<InboundQueueConsumer>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        services.AddQuartz(q =>
        {
            q.AddJob<DeadlineSweepJob>(j => j.WithIdentity(DeadlineSweepJob.Name));
            q.AddTrigger(t => t.ForJob(DeadlineSweepJob.Name).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(options.Scheduler.SweepInterval).RepeatForever()));
            q.AddJob<Retention.RetentionJob>(j => j.WithIdentity(Retention.RetentionJob.Name));
            q.AddTrigger(t => t.ForJob(Retention.RetentionJob.Name).StartAt(DateTimeOffset.UtcNow.AddMinutes(1))
                .WithSimpleSchedule(s => s.WithInterval(options.Scheduler.RetentionInterval).RepeatForever()));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>Everything but the bus, the hosted services and the scheduler: what the saga test harness reuses.</summary>
    public static IServiceCollection AddHubCore(this IServiceCollection services, HubOptions options, HubDatabase database)
    {
        var directory = options.Directory.Path is { } directoryPath ? AgencyDirectory.LoadFile(directoryPath) : AgencyDirectory.LoadDemo();
        var covenants = options.Covenants.Path is { } covenantPath ? CovenantBook.LoadFile(covenantPath, directory) : CovenantBook.LoadDemo(directory);

        services.AddSingleton(options);
        services.AddSingleton(options.Intake);
        services.AddSingleton(database);
        services.AddSingleton(directory);
        services.AddSingleton<IAgencyLookup>(directory);
        services.AddSingleton(covenants);
        services.AddSingleton<TimeProvider>(options.Clock.Simulated ? new SimulatedClock(options.Clock.Start ?? DateTimeOffset.UtcNow) : TimeProvider.System);

        services.AddSingleton<IDeliveryLog, HashChainedDeliveryLog>();
        services.AddHostedService<DeliveryLogChainer>();
        services.AddSingleton<HandoverValidator>();
        services.AddSingleton<FeedbackValidator>();
        services.AddSingleton<SubjectKeys>();
        services.AddSingleton<RejectStore>();
        services.AddSingleton<ImpersonationRecord>();
        services.AddSingleton<HandoverIntake>();
        services.AddSingleton<FeedbackTimeline>();
        services.AddSingleton<FeedbackIntake>();
        services.AddSingleton<HandoverViews>();
        services.AddSingleton<HandoverSteps>();
        services.AddSingleton<HandoverMachine>();
        services.AddSingleton<HandoverStore>();
        services.AddSingleton<HandoverStepRunner>();
        services.AddSingleton<Faults.StepFaults>();
        services.AddSingleton<Reports.LeadTimeCells>();
        services.AddSingleton<Reports.ReportQueries>();
        services.AddSingleton<Reports.MunicipalityReport>();
        services.AddSingleton<StateCounts>();
        services.AddSingleton<LeadTimes>();
        services.AddSingleton<EscalationList>();
        services.AddSingleton<EscalationLadder>();
        services.AddSingleton<EscalationRequests>();
        services.AddSingleton<WaitingList.WaitingLists>();
        services.AddSingleton(new HubTransportInfo(options.UsesRabbitMq ? "rabbitmq" : "embedded"));
        services.AddSingleton<BrokerHealth>();

        services.AddSingleton<Retour.Retours>();
        services.AddPeopleMail(options.Email);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<ResendCheck>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddAgencyAdapters();
        services.AddAgencyDelivery(options);
        services.AddSingleton<IDueWork, HandoverDeadlines>();
        services.AddChain(options, directory);
        services.AddSingleton<DeadlineSweep>();
        services.AddSingleton<Retention.RetentionSweep>();
        return services;
    }
}
