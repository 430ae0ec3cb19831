using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Health;
using IntegrationHub.Hub.Persistence.Sagas;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;

namespace IntegrationHub.Hub.Hosting;

/// <summary>MassTransit: the handover saga on the hub's own repository, over RabbitMQ or the in-memory transport.</summary>
public static class HubBus
{
    public static IServiceCollection AddHubBus(this IServiceCollection services, HubOptions options)
    {
        services.AddSingleton(new HubTransportInfo(options.UsesRabbitMq ? "rabbitmq" : "in-memory"));
        if (options.UsesRabbitMq)
            RabbitMqSettings.EnsureUsable(options.RabbitMq);
        services.AddMassTransit(x =>
        {
            // MassTransit 8 reports usage telemetry (versions, bus and endpoint shapes) to its vendor unless told
            // not to. The hub sends nothing to third parties: what leaves it goes to its broker, its database and
            // the agencies' own endpoints only.
            x.DisableUsageTelemetry();
            x.AddHandoverSaga();

            if (options.UsesRabbitMq)
                x.UsingRabbitMq((context, cfg) =>
                {
                    var rabbit = options.RabbitMq;
                    cfg.Host(rabbit.Host ?? "localhost", rabbit.EffectivePort, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username!);
                        h.Password(rabbit.Password!);
                        h.PublisherConfirmation = true;
                        if (rabbit.Tls.Enabled)
                            h.UseSsl(ssl =>
                            {
                                ssl.ServerName = RabbitMqTls.ServerName(rabbit);
                                ssl.Protocol = RabbitMqTls.Protocols;
                                ssl.CertificateValidationCallback = RabbitMqTls.Validator(rabbit.Tls);
                                if (RabbitMqTls.ClientCertificate(rabbit.Tls) is { } certificate)
                                    ssl.Certificate = certificate;
                            });
                    });
                    cfg.PrefetchCount = options.Bus.PrefetchCount;
                    cfg.ConfigureEndpoints(context);
                });
            else
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        return services;
    }

    /// <summary>The handover state machine on the hub's own saga repository (also used by the test harness).</summary>
    public static void AddHandoverSaga(this IBusRegistrationConfigurator x) =>
        x.AddSagaStateMachine<HandoverStateMachine, HandoverState>(typeof(HandoverSagaDefinition))
            .Repository(r =>
            {
                r.RegisterSagaRepository<HandoverState, HandoverSagaSession,
                    SagaConsumeContextFactory<HandoverSagaSession, HandoverState>, HandoverSagaRepository>();
                r.RegisterLoadSagaRepository<HandoverState, HandoverSagaRepository>();
            });
}

/// <summary>The saga's endpoint: its queue name, retries for optimistic-concurrency conflicts, and its concurrency.</summary>
public sealed class HandoverSagaDefinition : SagaDefinition<HandoverState>
{
    public HandoverSagaDefinition(HubOptions options)
    {
        EndpointName = AgencyQueues.HandoverSaga;
        ConcurrentMessageLimit = options.Bus.ConcurrentMessageLimit;
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<HandoverState> sagaConfigurator,
        IRegistrationContext context)
    {
        // Two steps on one handover can race; the loser reloads and runs again.
        endpointConfigurator.UseMessageRetry(r => r.Intervals(5, 20, 50, 100, 250, 500, 1000, 2000, 5000));
        // Within one instance, steps of the same handover take turns (by handover id), so they do not race
        // at all; different handovers still run side by side. Across instances the version check decides.
        var partition = endpointConfigurator.CreatePartitioner(ConcurrentMessageLimit ?? 16);
        sagaConfigurator.Message<HandoverSubmitted>(m => m.UsePartitioner(partition, c => c.Message.HandoverId));
        sagaConfigurator.Message<HandoverDelivered>(m => m.UsePartitioner(partition, c => c.Message.HandoverId));
        sagaConfigurator.Message<ReceiptConfirmed>(m => m.UsePartitioner(partition, c => c.Message.HandoverId));
        sagaConfigurator.Message<HandoverRejected>(m => m.UsePartitioner(partition, c => c.Message.HandoverId));
        sagaConfigurator.Message<CareStarted>(m => m.UsePartitioner(partition, c => c.Message.HandoverId));
        sagaConfigurator.Message<ProgressReported>(m => m.UsePartitioner(partition, c => c.Message.HandoverId));
        sagaConfigurator.Message<CareEnded>(m => m.UsePartitioner(partition, c => c.Message.HandoverId));
        sagaConfigurator.Message<HandoverWithdrawn>(m => m.UsePartitioner(partition, c => c.Message.HandoverId));
        sagaConfigurator.Message<DeadlineReached>(m => m.UsePartitioner(partition, c => c.Message.HandoverId));
    }
}
