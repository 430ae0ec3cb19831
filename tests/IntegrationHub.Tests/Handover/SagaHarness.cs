using System.Text.Json;
using Dapper;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Access;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Hub.Deadlines;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Handover;

/// <summary>
/// The real handover machine and its step runner, on the hub's own store over a SQLite file, with the
/// outbox pumped by hand (so deliveries, and the delivered steps they cause, happen when the test says)
/// and a simulated clock: every step is deterministic.
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
        return new SagaHarness(services.BuildServiceProvider(true), directory);
    }

    public async Task<Guid> SubmitAsync(string sender = "school-de-regenboog", string receiver = "bjz-noord-brabant", string urgency = "regular")
    {
        var result = await Get<HandoverIntake>().SubmitAsync(Messages.Handover(sender, receiver, urgency).ToJsonString(), Caller.ForAgency(sender), "test", default);
        var id = ((IntakeResult.Accepted)result).HandoverId;
        await SettleAsync();
        return id;
    }

    /// <summary>Runs one event through the machine, as an intake or the scheduler does, and delivers what it sent.</summary>
    public async Task<StepOutcome?> RunAsync(object message)
    {
        var id = (Guid)message.GetType().GetProperty("HandoverId")!.GetValue(message)!;
        var result = await Get<HandoverStepRunner>().RunAsync(id, message, null, default);
        await SettleAsync();
        return result?.Outcome;
    }

    public Task<StepOutcome?> ReceiptAsync(Guid id, string by = "bjz-noord-brabant") =>
        RunAsync(new ReceiptConfirmed { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = by, At = Clock.GetUtcNow() });

    public Task<StepOutcome?> CareStartedAsync(Guid id, DateOnly? plannedEnd = null, string by = "bjz-noord-brabant") =>
        RunAsync(new CareStarted { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = by, At = Clock.GetUtcNow(), PlannedEndDate = plannedEnd });

    /// <summary>Moves the clock and lets the scheduler's sweep fire whatever came due.</summary>
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

    /// <summary>Pumps the outbox until nothing is left to send (or parked): every mail delivered, every delivered step written.</summary>
    public async Task SettleAsync()
    {
        var dispatcher = Get<OutboxDispatcher>();
        var outbox = Get<OutboxStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await outbox.PendingCountAsync() > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the outbox did not empty: {await outbox.PendingCountAsync()} row(s) left");
            if (await dispatcher.DispatchBatchAsync(default) == 0)
                await Task.Delay(50);
        }
    }

    public async Task<HandoverState> StateAsync(Guid id) =>
        await Get<IntegrationHub.Hub.Persistence.Sagas.HandoverStore>().LoadAsync(id) ?? throw new InvalidOperationException($"no handover {id}");

    /// <summary>Agency mail the saga wrote to the outbox for this handover, in order (the intakes' retours left out: <see cref="RetoursAsync"/>).</summary>
    public async Task<List<AgencyMail>> MailAsync(Guid id) => (await AllMailAsync(id)).Where(m => m.Kind != AgencyMailKinds.Retour).ToList();

    /// <summary>The retours written for messages about this handover, in order.</summary>
    public async Task<List<AgencyMail>> RetoursAsync(Guid id) => (await AllMailAsync(id)).Where(m => m.Kind == AgencyMailKinds.Retour).ToList();

    async Task<List<AgencyMail>> AllMailAsync(Guid id)
    {
        await using var connection = await Database.OpenAsync();
        var bodies = await connection.QueryAsync<string>("SELECT body FROM outbox WHERE message_type = 'AgencyMail' ORDER BY id");
        return bodies.Select(b => JsonSerializer.Deserialize<AgencyMail>(b, BusJson.Options)!).Where(m => m.HandoverId == id).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
