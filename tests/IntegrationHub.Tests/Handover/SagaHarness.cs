using System.Text.Json;
using Dapper;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Handover;

/// <summary>
/// The real handover state machine in MassTransit's test harness, on the hub's own saga repository
/// over a SQLite file, with the outbox pumped by hand and a simulated clock: every step is deterministic.
/// </summary>
public sealed class SagaHarness : IAsyncDisposable
{
    readonly ServiceProvider _provider;
    readonly string _directory;

    SagaHarness(ServiceProvider provider, string directory)
    {
        _provider = provider;
        _directory = directory;
    }

    public ITestHarness Harness => _provider.GetRequiredService<ITestHarness>();
    public SimulatedClock Clock => (SimulatedClock)_provider.GetRequiredService<TimeProvider>();
    public HubDatabase Database => _provider.GetRequiredService<HubDatabase>();
    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Monday 2026-11-23 09:00 Amsterdam: a plain working week ahead.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

    public static async Task<SagaHarness> StartAsync(DateTimeOffset? start = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "saga-harness-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        var database = HubDatabase.SqliteFile(Path.Combine(directory, "hub.db"));
        await Schema.EnsureCreatedAsync(database);
        var options = new HubOptions
        {
            DataDirectory = directory, Clock = new ClockOptions { Simulated = true, Start = start ?? Monday },
            // A claim a test leaves unmarked (a crashed dispatcher) expires soon.
            Outbox = new OutboxOptions { ClaimTime = TimeSpan.FromSeconds(2) },
        };

        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddHubCore(options, database);
        services.AddMassTransitTestHarness(x => x.AddHandoverSaga());
        var provider = services.BuildServiceProvider(true);
        await provider.GetRequiredService<ITestHarness>().Start();
        return new SagaHarness(provider, directory);
    }

    public async Task<Guid> SubmitAsync(string sender = "school-de-regenboog", string receiver = "bjz-noord-brabant", string urgency = "regular")
    {
        var result = await Get<HandoverIntake>().SubmitAsync(Messages.Handover(sender, receiver, urgency).ToJsonString(), IntegrationHub.Hub.Access.Caller.ForAgency(sender), "test", default);
        var id = ((IntakeResult.Accepted)result).HandoverId;
        await SettleAsync();
        return id;
    }

    /// <summary>Publishes an event as if it came off the bus, with an explicit message id (the inbox key).</summary>
    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        await Harness.Bus.Publish(message, c => c.MessageId = messageId ?? Guid.NewGuid());
        await SettleAsync();
    }

    public Task ReceiptAsync(Guid id, string by = "bjz-noord-brabant") =>
        PublishAsync(new ReceiptConfirmed { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = by, At = Clock.GetUtcNow() });

    public Task CareStartedAsync(Guid id, DateOnly? plannedEnd = null, string by = "bjz-noord-brabant") =>
        PublishAsync(new CareStarted { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = by, At = Clock.GetUtcNow(), PlannedEndDate = plannedEnd });

    /// <summary>Moves the clock and lets the scheduler's sweep wake whatever came due.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Get<DeadlineSweep>().RunAsync(default);
        await SettleAsync();
    }

    public async Task AdvanceToAsync(DateTimeOffset to)
    {
        Clock.Set(to);
        await Get<DeadlineSweep>().RunAsync(default);
        await SettleAsync();
    }

    static readonly HashSet<Type> SagaEvents =
    [
        typeof(HandoverSubmitted), typeof(HandoverDelivered), typeof(ReceiptConfirmed), typeof(HandoverRejected), typeof(CareStarted),
        typeof(ProgressReported), typeof(CareEnded), typeof(HandoverWithdrawn), typeof(DeadlineReached),
    ];

    /// <summary>
    /// Pumps the outbox until nothing is pending and every saga event published so far was handled: its id
    /// is in the saga's inbox, or it faulted. Counting on a quiet moment instead misses slow consumers.
    /// </summary>
    public async Task SettleAsync()
    {
        var dispatcher = Get<OutboxDispatcher>();
        var outbox = Get<OutboxStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var settledRounds = 0;
        while (settledRounds < 2)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the saga did not settle: " + string.Join(", ", await UnhandledAsync()));
            var sent = await dispatcher.DispatchBatchAsync(default);
            await Task.Delay(20);
            var settled = sent == 0 && await outbox.PendingCountAsync() == 0 && (await UnhandledAsync()).Count == 0;
            settledRounds = settled ? settledRounds + 1 : 0;
        }
    }

    async Task<List<string>> UnhandledAsync()
    {
        var published = Harness.Published.Select(m => SagaEvents.Contains(m.MessageType))
            .Select(m => (Id: m.Context.MessageId!.Value, Type: m.MessageType.Name)).ToList();
        var faulted = Harness.Published.Select(m => m.MessageObject is Fault)
            .Select(m => ((Fault)m.MessageObject).FaultedMessageId).Where(id => id is not null).Select(id => id!.Value).ToHashSet();
        await using var connection = await Database.OpenAsync();
        var handled = (await connection.QueryAsync<string>("SELECT message_id FROM inbox")).Select(Guid.Parse).ToHashSet();
        return published.Where(p => !handled.Contains(p.Id) && !faulted.Contains(p.Id)).Select(p => $"{p.Type} {p.Id}").ToList();
    }

    public async Task<HandoverState> StateAsync(Guid id)
    {
        await using var connection = await Database.OpenAsync();
        var data = await connection.QuerySingleAsync<string>("SELECT data FROM handovers WHERE correlation_id = @Id", new { Id = id.ToString() });
        return IntegrationHub.Hub.Persistence.Sagas.SagaJson.Read(data);
    }

    /// <summary>Agency mail written to the outbox for this handover, in order.</summary>
    public async Task<List<AgencyMail>> MailAsync(Guid id)
    {
        await using var connection = await Database.OpenAsync();
        var bodies = await connection.QueryAsync<string>("SELECT body FROM outbox WHERE message_type = 'AgencyMail' ORDER BY id");
        return bodies.Select(b => JsonSerializer.Deserialize<AgencyMail>(b, BusJson.Options)!).Where(m => m.HandoverId == id).ToList();
    }

    public int PublishedCount<T>(Func<T, bool>? filter = null) where T : class =>
        Harness.Published.Select<T>().Count(m => filter?.Invoke(m.Context.Message) ?? true);

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
