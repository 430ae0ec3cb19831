using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Bench.Peer;

/// <summary>
/// The peer on the bench's private broker: a MassTransit bus with the state machine on its own endpoint (the hub's old
/// settings: 64 prefetched, 16 at once), usage telemetry off. The driver publishes the agencies' messages through it.
/// </summary>
sealed class PeerLifecycle : ILifecycle, IAsyncDisposable
{
    const string Sender = "school-de-regenboog";
    const string Receiver = "bjz-noord-brabant";

    readonly ServiceProvider _services;
    readonly IBusControl _bus;
    readonly PeerCounters _counters = new();

    PeerLifecycle(ServiceProvider services)
    {
        _services = services;
        _bus = services.GetRequiredService<IBusControl>();
        _counters = services.GetRequiredService<PeerCounters>();
    }

    public static async Task<PeerLifecycle> StartAsync(int amqpPort)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<PeerCounters>();
        services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.AddSagaStateMachine<PeerMachine, PeerHandover>().InMemoryRepository();
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host("127.0.0.1", (ushort)amqpPort, "/", h =>
                {
                    h.Username("guest");
                    h.Password("guest");
                });
                cfg.PrefetchCount = 64;
                cfg.ConcurrentMessageLimit = 16;
                cfg.ConfigureEndpoints(context);
            });
        });
        var provider = services.BuildServiceProvider();
        var peer = new PeerLifecycle(provider);
        await peer._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return peer;
    }

    public string Name => "peer (MassTransit 8.4.0, in-memory saga)";
    public string ReceiverQueue => PeerMachine.MailQueue(Receiver);
    public string SenderQueue => PeerMachine.MailQueue(Sender);

    public Task SubmitAsync(Guid handoverId, CancellationToken cancellationToken) =>
        _bus.Publish(new PeerSubmitted(handoverId, Sender, Receiver, DateTime.UtcNow), cancellationToken);

    public Task FeedbackAsync(Guid handoverId, string kind, CancellationToken cancellationToken) => kind switch
    {
        "receipt" => _bus.Publish(new PeerReceipt(handoverId, Receiver, DateTime.UtcNow), cancellationToken),
        "care-started" => _bus.Publish(new PeerCareStarted(handoverId, Receiver, DateTime.UtcNow), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "the peer takes receipt and care-started"),
    };

    public Task<long> StepsAsync() => Task.FromResult(_counters.Steps);

    public Task<long> InCareAsync() => Task.FromResult(_counters.InCare);

    public Task<bool> SettledAsync(long inCare, long senderMails) => Task.FromResult(_counters.InCare >= inCare && senderMails >= _counters.Forwarded);

    public Task<string> BacklogAsync() => Task.FromResult($"in care {_counters.InCare,7}");

    public async ValueTask DisposeAsync()
    {
        await _bus.StopAsync();
        await _services.DisposeAsync();
    }
}
