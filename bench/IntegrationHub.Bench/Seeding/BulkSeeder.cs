using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Handover;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Hub.Persistence.Sagas;
using IntegrationHub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Bench.Seeding;

/// <summary>
/// Writes many handovers straight into a hub database, far faster than agencies could submit them over HTTP: each
/// handover's state is built by the hub's own machine (<see cref="HandoverMachine"/>) from the events an agency
/// flow would give, at the times they would give them, and stored by the hub's own store
/// (<see cref="HandoverStore.TryInsertAsync"/>), which keeps the read model (report counters, lead-time buckets,
/// open escalations) as a step would. Each handover's accepted document and its submission row are stored too.
/// Not written: the mail the steps would have sent (outbox, mailbox), delivery-log entries and feedback documents.
/// </summary>
sealed class BulkSeeder(HubDatabase database)
{
    const int Chunk = 5000;

    /// <summary>Agency pairs under the region's default covenant (the same deadlines for all).</summary>
    static readonly (string Sender, string Receiver)[] Pairs =
    [
        ("school-de-regenboog", "bjz-noord-brabant"), ("school-vmbo-noord", "bjz-noord-brabant"), ("jgz-tilburg", "bjz-noord-brabant"),
        ("school-de-regenboog", "jgz-tilburg"), ("jgz-tilburg", "cjg-tilburg"), ("cjg-tilburg", "bjz-noord-brabant"), ("school-vmbo-noord", "cjg-tilburg"),
    ];

    static readonly string[] Municipalities =
    [
        "Tilburg", "Breda", "Eindhoven", "'s-Hertogenbosch", "Helmond", "Oss", "Roosendaal", "Bergen op Zoom", "Oosterhout", "Waalwijk",
        "Dongen", "Goirle", "Hilvarenbeek", "Oisterwijk", "Loon op Zand", "Gilze en Rijen", "Heusden", "Vught", "Boxtel", "Veldhoven",
    ];

    static readonly string[] AgeBands = ["0-3", "4-11", "12-17", "18+"];

    /// <summary>
    /// <paramref name="count"/> handovers submitted at <paramref name="submittedAt"/> and delivered a minute later, not yet
    /// confirmed: their receipt deadlines all fall due at the same instant. Returns that instant.
    /// </summary>
    public Task<DateTimeOffset> SeedDeliveredAsync(int count, DateTimeOffset submittedAt, Action<string> progress) =>
        SeedAsync(count, progress, (machine, clock, id, i) =>
        {
            var state = Submit(machine, clock, id, i, submittedAt);
            Apply(machine, clock, state, new HandoverDelivered { HandoverId = id, Receiver = state.Receiver, DeliveredAt = submittedAt.AddMinutes(1) },
                submittedAt.AddMinutes(1));
            return state;
        });

    /// <summary>
    /// <paramref name="count"/> handovers submitted evenly over the year before <paramref name="end"/>, in the mix a region
    /// sees: most receipted and in care (with progress reported), a share completed, rejected (case closed), withdrawn,
    /// some waiting for receipt or the start of care; then every deadline due by <paramref name="end"/> has fired (missed
    /// ones climbed their ladders), so a hub started at <paramref name="end"/> finds nothing due.
    /// </summary>
    public Task<DateTimeOffset> SeedMixAsync(int count, DateTimeOffset end, Action<string> progress) =>
        SeedAsync(count, progress, (machine, clock, id, i) =>
        {
            var random = new Random(i);
            var submitted = end.AddDays(-365).AddSeconds(365.0 * 86400 * i / count);
            var state = Submit(machine, clock, id, i, submitted);
            var r = random.NextDouble();
            var day = TimeSpan.FromDays(1);
            if (r >= 0.005)
                Apply(machine, clock, state, new HandoverDelivered { HandoverId = id, Receiver = state.Receiver, DeliveredAt = submitted.AddMinutes(1) }, submitted.AddMinutes(1));
            if (r is >= 0.005 and < 0.03)
            {
                // Delivered, never answered: overdue, escalated.
            }
            else if (r is >= 0.03 and < 0.07)
            {
                Apply(machine, clock, state, new HandoverRejected { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = state.Receiver, At = submitted + day, Reason = "no capacity" }, submitted + day);
                Apply(machine, clock, state, new CaseClosed { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = state.Sender, At = submitted + 2 * day, ReasonCode = "no-care-needed" }, submitted + 2 * day);
            }
            else if (r is >= 0.07 and < 0.09)
                Apply(machine, clock, state, new HandoverWithdrawn { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = state.Sender, At = submitted + day, Reason = "family moved", ReasonCode = "no-care-needed" },
                    submitted + day);
            else if (r >= 0.09)
            {
                // Lead times spread as a region's do: receipt within hours to days, care weeks later.
                var receipt = submitted + TimeSpan.FromHours(1 + random.NextDouble() * 70);
                Apply(machine, clock, state, new ReceiptConfirmed { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = state.Receiver, At = receipt }, receipt);
                if (r >= 0.12)
                {
                    var start = receipt + TimeSpan.FromHours(12 + random.NextDouble() * 24 * 20);
                    Apply(machine, clock, state, new CareStarted { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = state.Receiver, At = start }, start);
                    var closes = end - submitted > TimeSpan.FromDays(200) && r < 0.6;
                    if (closes)
                    {
                        var ended = submitted + TimeSpan.FromDays(150);
                        Apply(machine, clock, state, new CareEnded { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = state.Receiver, At = ended, Outcome = "goals reached" }, ended);
                    }
                    else if (end - start > TimeSpan.FromDays(30))
                        Apply(machine, clock, state, new ProgressReported { HandoverId = id, FeedbackMessageId = Guid.NewGuid(), By = state.Receiver, At = end - day }, end - day);
                }
            }
            // Whatever was due by the end has fired, as the hub's sweep would have done.
            clock.Now = end;
            machine.Apply(state, new DeadlineReached { HandoverId = id, DueAt = end });
            return state;
        });

    async Task<DateTimeOffset> SeedAsync(int count, Action<string> progress, Func<HandoverMachine, SettableClock, Guid, int, HandoverState> build)
    {
        await Schema.EnsureCreatedAsync(database);
        var workers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Worker.Create(database)).ToArray();
        var writer = Worker.Create(database);
        var documents = Pairs.ToDictionary(p => p, p => DocumentTemplate(p.Sender, p.Receiver));
        var watch = Stopwatch.StartNew();
        DateTimeOffset? firstDue = null;
        Task writing = Task.CompletedTask;
        for (var from = 0; from < count; from += Chunk)
        {
            var size = Math.Min(Chunk, count - from);
            var states = new HandoverState[size];
            var start = from;
            Parallel.For(0, workers.Length, w =>
            {
                for (var k = w; k < size; k += workers.Length)
                {
                    var i = start + k;
                    states[k] = build(workers[w].Machine, workers[w].Clock, IdOf(i), i);
                }
            });
            foreach (var s in states)
                if (s.NextDueAt is { } due && (firstDue is null || due < firstDue))
                    firstDue = due;
            await writing;
            writing = WriteAsync(writer, states, documents);
            if ((from / Chunk) % 20 == 19)
                progress($"seeded {from + size:N0} of {count:N0} in {watch.Elapsed.TotalSeconds:0} s");
        }
        await writing;
        // The read model was kept as the handovers were written: nothing to rebuild at the hub's start.
        await database.WriteAsync(scope => scope.Connection.ExecuteAsync(
            "INSERT INTO settings (key, value) VALUES ('read_model_built', '1') ON CONFLICT (key) DO UPDATE SET value = '1'", transaction: scope.Transaction));
        progress($"seeded {count:N0} handovers in {watch.Elapsed.TotalSeconds:0} s");
        return firstDue ?? DateTimeOffset.MaxValue;
    }

    async Task WriteAsync(Worker writer, HandoverState[] states, Dictionary<(string, string), string> documents)
    {
        var rows = states.Select(s =>
        {
            var payload = documents[(s.Sender, s.Receiver)].Replace(HandoverMarker, s.CorrelationId.ToString()).Replace(MessageMarker, s.SubmissionMessageId.ToString());
            return (State: s, Payload: payload, Sha: Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload))));
        }).ToList();
        await database.WriteAsync(async scope =>
        {
            foreach (var (state, payload, sha) in rows)
            {
                var at = Epoch.Ms(state.SubmittedAt);
                await scope.Connection.ExecuteAsync(
                    "INSERT INTO handover_submissions (sender, message_id, handover_id, payload_sha256, received_at) VALUES (@Sender, @MessageId, @Id, @Sha, @At)",
                    new { state.Sender, MessageId = state.SubmissionMessageId.ToString(), Id = state.CorrelationId.ToString(), Sha = sha, At = at }, scope.Transaction);
                await scope.Connection.ExecuteAsync(
                    """
                    INSERT INTO handover_documents (handover_id, sender, receiver, payload, payload_sha256, received_at)
                    VALUES (@Id, @Sender, @Receiver, @Payload, @Sha, @At)
                    """, new { Id = state.CorrelationId.ToString(), state.Sender, state.Receiver, Payload = payload, Sha = sha, At = at }, scope.Transaction);
                writer.Clock.Now = state.History.Count > 0 ? state.History[^1].At : state.SubmittedAt;
                if (!await writer.Store.TryInsertAsync(scope, state, []))
                    throw new InvalidOperationException($"handover {state.CorrelationId} exists already: seed an empty database");
            }
        });
    }

    const string HandoverMarker = "00000000-0000-4000-8000-00000000feed";
    const string MessageMarker = "00000000-0000-4000-8000-00000000beef";

    static string DocumentTemplate(string sender, string receiver)
    {
        var document = Messages.Handover(sender, receiver);
        document["handoverId"] = HandoverMarker;
        document["messageId"] = MessageMarker;
        return document.ToJsonString();
    }

    /// <summary>Deterministic ids, so the bench can name handovers it seeded (the dashboard opens some).</summary>
    public static Guid IdOf(int i) => new($"{i:x8}-5eed-4000-8000-000000000000");

    static HandoverState Submit(HandoverMachine machine, SettableClock clock, Guid id, int i, DateTimeOffset at)
    {
        var (sender, receiver) = Pairs[i % Pairs.Length];
        var state = new HandoverState();
        Apply(machine, clock, state, new HandoverSubmitted
        {
            HandoverId = id, SubmissionMessageId = new Guid($"{i:x8}-5eed-4000-8000-000000000001"), Sender = sender, Receiver = receiver,
            Urgency = "regular", Purpose = "care", LegalBasis = "consent", RequestedAction = "assessment",
            SubjectKey = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)))[..32], SubmittedAt = at,
            Municipality = Municipalities[(i / Pairs.Length) % Municipalities.Length], AgeBand = AgeBands[(i / 3) % AgeBands.Length],
        }, at);
        return state;
    }

    static void Apply(HandoverMachine machine, SettableClock clock, HandoverState state, object message, DateTimeOffset at)
    {
        clock.Now = at;
        if (machine.Apply(state, message) is not StepOutcome.Applied)
            throw new InvalidOperationException($"the seeder's {message.GetType().Name} did not apply to a handover in {state.CurrentState}");
    }

    sealed record Worker(HandoverMachine Machine, HandoverStore Store, SettableClock Clock)
    {
        public static Worker Create(HubDatabase database)
        {
            var clock = new SettableClock(DateTimeOffset.UnixEpoch);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddHubCore(new HubOptions(), database);
            services.AddSingleton<TimeProvider>(clock);
            var provider = services.BuildServiceProvider();
            return new Worker(provider.GetRequiredService<HandoverMachine>(), provider.GetRequiredService<HandoverStore>(), clock);
        }
    }
}
