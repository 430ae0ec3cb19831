using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;
using Xunit.Abstractions;

namespace IntegrationHub.IntegrationTests.Crash;

/// <summary>
/// SIGKILL the hub twice with 1,000 handovers in flight (once while they are being submitted and answered,
/// once while their receipt deadlines fire), restart it on the same database and broker, and check that
/// nothing was lost, nothing happened twice, and no agency queue received any mail twice.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class HubCrashTests(RabbitMqNode rabbit, PostgresCluster postgres, ITestOutputHelper output)
{
    const int Handovers = 1000;
    const int InFlight = 16;
    const string Sender = "school-de-regenboog";
    const string Receiver = "bjz-noord-brabant";
    // A Monday with no holiday near, after the example's consent date: "receipt in 2 working days" is due
    // Wednesday; P3D lands on Thursday, before level 2 (two working days after the miss) can come due.
    static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    enum Answer { CareStarted, Receipt, Rejection, Silence }

    sealed record Case(int Index, Guid HandoverId, JsonObject Handover, JsonObject? Feedback, Answer Answer)
    {
        public string ExpectedMachineState => Answer switch
        {
            Answer.CareStarted => "InCare", Answer.Receipt => "Received", Answer.Rejection => "Rejected", _ => "Delivered",
        };
        public string ExpectedState => Answer switch
        {
            Answer.CareStarted => "care-started", Answer.Receipt => "receipt-confirmed", Answer.Rejection => "rejected", _ => "delivered",
        };
    }

    [Fact]
    public Task Sqlite_hub_killed_twice_loses_nothing_and_fires_each_deadline_once() => RunAsync("sqlite");

    [Fact]
    public Task Postgres_hub_killed_twice_loses_nothing_and_fires_each_deadline_once() => RunAsync("postgres");

    async Task RunAsync(string provider)
    {
        var total = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var dataDirectory = Path.Combine(Path.GetTempPath(), "hub-crash-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dataDirectory);
        var connectionString = provider == "postgres" ? await postgres.CreateDatabaseAsync() : null;
        var port = FreePort.Next();
        // The chain office's client (views, the clock); agencies' posts carry their own keys.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", TestCredentials.Operator);
        await using var reader = await AgencyQueueReader.ConnectAsync(rabbit);
        using var database = connectionString is null
            ? HubDatabase.SqliteFile(Path.Combine(dataDirectory, "hub.db"))
            : new HubDatabase(DatabaseProvider.Postgres, connectionString);

        string[] Args(DateTimeOffset clock) =>
        [
            "--urls", $"http://127.0.0.1:{port}", $"--Hub:DataDirectory={dataDirectory}", "--Hub:Transport=rabbitmq",
            "--Hub:RabbitMq:Host=127.0.0.1", $"--Hub:RabbitMq:Port={rabbit.AmqpPort}",
            $"--Hub:RabbitMq:Username={RabbitMqNode.HubUser}", $"--Hub:RabbitMq:Password={rabbit.HubPassword}", $"--Hub:Database:Provider={provider}",
            .. connectionString is null ? Array.Empty<string>() : [$"--Hub:Database:ConnectionString={connectionString}"],
            // The simulated clock lives in memory, so a restarted hub is told where it stood.
            "--Hub:Clock:Simulated=true", $"--Hub:Clock:Start={clock:O}", "--Hub:Scheduler:SweepInterval=00:00:00.500",
            "--Serilog:MinimumLevel:Default=Warning",
            // What the egress journal resolved after each restart, for the evidence line.
            $"--Serilog:MinimumLevel:Override:{typeof(ResendCheck).FullName}=Information",
            .. TestCredentials.Arguments(),
        ];
        var log = Path.Combine(dataDirectory, "hub.log");
        var hub = await HubProcess.StartAsync(http, Args(Start), dataDirectory, log);
        output.WriteLine($"{total.Elapsed.TotalSeconds:0.0}s hub {hub.Pid} up ({provider}); log {log}");
        // The hub declares the agency queues at start; earlier tests on this broker may have left mail in them.
        var queues = await CrashDriving.AgencyQueuesAsync(rabbit);
        foreach (var queue in queues)
            await CrashDriving.DrainAsync(reader, queue);
        var window = new HashSet<string>();
        try
        {
            var cases = Enumerable.Range(0, Handovers).Select(NewCase).ToList();

            // Crash 1: while handovers and their answers are still arriving over HTTP.
            var answered = 0;
            using var gate = new SemaphoreSlim(InFlight);
            var driving = Task.WhenAll(cases.Select(async c =>
            {
                await gate.WaitAsync(timeout.Token);
                try
                {
                    await CrashDriving.PostUntilAcceptedAsync(http, "/api/handovers", c.Handover,
                        TestCredentials.Agency(c.Handover["sender"]!["agencyId"]!.GetValue<string>()), timeout.Token);
                    if (c.Feedback is not null)
                        await CrashDriving.PostUntilAcceptedAsync(http, $"/api/handovers/{c.HandoverId}/feedback", c.Feedback,
                            TestCredentials.Agency(c.Feedback["by"]!["agencyId"]!.GetValue<string>()), timeout.Token);
                }
                finally
                {
                    gate.Release();
                }
                Interlocked.Increment(ref answered);
            }));
            await CrashDriving.WaitAsync(() => Task.FromResult(driving.IsCompleted || Volatile.Read(ref answered) >= Handovers * 2 / 5), "40% of the handovers answered", timeout.Token);
            hub = await CrashAndRestartAsync(hub, Start, "while handovers were being submitted and answered");

            await driving;
            await WaitUntilQuiescentAsync(overdue: 0);

            // Crash 2: while the receipt deadlines of the silent quarter are being missed and escalated.
            var advanced = await AdvanceClockAsync("P3D");
            await CrashDriving.WaitAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM handovers WHERE overdue = 1") >= 25,
                "the first missed deadlines", timeout.Token);
            hub = await CrashAndRestartAsync(hub, advanced, "while deadlines were firing");

            var silent = cases.Count(c => c.Answer == Answer.Silence);
            await WaitUntilQuiescentAsync(overdue: silent);

            // One scope, so a run reports every kind of damage at once, not only the first.
            using (new FluentAssertions.Execution.AssertionScope())
            {
                await AssertViewsAsync(http, cases);
                await AssertMailAsync(reader, queues, cases);
            }
            output.WriteLine($"{total.Elapsed.TotalSeconds:0.0}s done");
        }
        catch (Exception) when (Dump(hub))
        {
            throw;
        }
        finally
        {
            hub.Dispose();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }

        Case NewCase(int i)
        {
            var id = Guid.NewGuid();
            var handover = Messages.Handover(Sender, Receiver);
            // Our own handover id: the answer to a submit can be lost in the crash, the id must not be.
            handover["handoverId"] = id.ToString();
            var answer = (Answer)(i % 4);
            var feedback = answer switch
            {
                // Care started without a receipt first: it implies the receipt and sends exactly one mail to the sender.
                Answer.CareStarted => Messages.Feedback("care-started", Receiver),
                Answer.Receipt => Messages.Feedback("receipt", Receiver),
                Answer.Rejection => Messages.Feedback("rejection", Receiver, reason: "not ours: crash test"),
                _ => null,
            };
            if (feedback is not null)
                feedback["handoverId"] = id.ToString();
            return new Case(i, id, handover, feedback, answer);
        }

        async Task<HubProcess> CrashAndRestartAsync(HubProcess running, DateTimeOffset clock, string when)
        {
            running.KillHard();
            running.Dispose();
            // Rows claimed by the dead dispatcher but not marked sent: the broker may or may not have them already.
            // Claimed again after the restart, the agency mail among them is checked against the egress journal.
            var claimed = (await QueryAsync<(string MessageId, string Destination)>(
                "SELECT message_id, destination FROM outbox WHERE dispatched_at IS NULL AND claim_token IS NOT NULL")).ToList();
            window.UnionWith(claimed.Select(c => c.MessageId));
            var progress = await QueryAsync<(string State, long Count)>("SELECT current_state, COUNT(*) FROM handovers GROUP BY current_state");
            var pending = await ScalarAsync("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL");
            output.WriteLine($"{total.Elapsed.TotalSeconds:0.0}s SIGKILL {when}: states {string.Join(", ", progress.Select(p => $"{p.State}={p.Count}"))}; " +
                $"outbox pending {pending}, of which claimed-unmarked {claimed.Count}; overdue {await ScalarAsync("SELECT COUNT(*) FROM handovers WHERE overdue = 1")}");
            var restarted = await HubProcess.StartAsync(http, Args(clock), dataDirectory, log);
            output.WriteLine($"{total.Elapsed.TotalSeconds:0.0}s restarted as {restarted.Pid}");
            return restarted;
        }

        async Task<DateTimeOffset> AdvanceClockAsync(string by)
        {
            using var response = await http.PostAsJsonAsync("/api/admin/clock", new { advance = by }, timeout.Token);
            response.EnsureSuccessStatusCode();
            var now = (await response.ReadJsonAsync())["now"]!.GetValue<DateTimeOffset>();
            output.WriteLine($"{total.Elapsed.TotalSeconds:0.0}s clock advanced {by} to {now:O}");
            return now;
        }

        // Quiescent: nothing in the outbox and no saga step written for a second, with every
        // handover where expected; or the same for five seconds when some are not (a lost message never arrives,
        // and the assertions below then name the handovers). Bounded by the test's timeout.
        async Task WaitUntilQuiescentAsync(int overdue)
        {
            var want = Enumerable.Range(0, Handovers).Select(i => (Answer)(i % 4)).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
            long lastSteps = -1;
            var quiet = 0;
            var last = "";
            while (true)
            {
                var states = (await QueryAsync<(string State, long Count)>("SELECT current_state, COUNT(*) FROM handovers GROUP BY current_state"))
                    .ToDictionary(s => s.State, s => s.Count);
                var pending = await ScalarAsync("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL");
                // Every step written bumps its handover's version: the sum moves while anything happens.
                var steps = await ScalarAsync("SELECT COALESCE(SUM(version), 0) FROM handovers");
                var late = await ScalarAsync("SELECT COUNT(*) FROM handovers WHERE overdue = 1");
                var statesMatch = want.All(w => states.GetValueOrDefault(new Case(0, Guid.Empty, [], null, w.Key).ExpectedMachineState) == w.Value);
                last = $"states {string.Join(", ", states.Select(s => $"{s.Key}={s.Value}"))}; outbox pending {pending}; overdue {late}";
                quiet = pending == 0 && steps == lastSteps ? quiet + 1 : 0;
                if (quiet >= 1 && statesMatch && late == overdue || quiet >= 5)
                {
                    output.WriteLine($"{total.Elapsed.TotalSeconds:0.0}s quiescent: {last}");
                    return;
                }
                lastSteps = steps;
                try
                {
                    await Task.Delay(1000, timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"not quiescent in time: {last}");
                }
            }
        }

        Task<IEnumerable<T>> QueryAsync<T>(string sql) => WithConnection(c => c.QueryAsync<T>(sql));
        Task<long> ScalarAsync(string sql) => WithConnection(c => c.ExecuteScalarAsync<long>(sql));
        async Task<T> WithConnection<T>(Func<System.Data.Common.DbConnection, Task<T>> query)
        {
            await using var connection = await database.OpenAsync(timeout.Token);
            return await query(connection);
        }

        bool Dump(HubProcess process)
        {
            output.WriteLine($"failed after {total.Elapsed.TotalSeconds:0.0}s; hub log tail:\n{process.LogTail()}");
            return false;
        }

        // The restarted hubs' own account of the journal checks (ResendCheck's log line), summed over the runs.
        (int Found, int Checked) JournalResolutions()
        {
            using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var file = new StreamReader(stream);
            var text = file.ReadToEnd();
            var lines = System.Text.RegularExpressions.Regex.Matches(text, @"Egress journal resolved (\d+) of (\d+)");
            return (lines.Sum(m => int.Parse(m.Groups[1].Value)), lines.Sum(m => int.Parse(m.Groups[2].Value)));
        }

        async Task AssertMailAsync(AgencyQueueReader agencyReader, IReadOnlyList<string> agencyQueues, List<Case> all)
        {
            var copies = new Dictionary<string, Dictionary<string, int>>();
            foreach (var queue in agencyQueues)
                copies[queue] = await CrashDriving.DrainAsync(agencyReader, queue);
            var duplicated = copies.SelectMany(q => q.Value.Where(m => m.Value > 1).Select(m => (Queue: q.Key, Id: m.Key, Copies: m.Value))).ToList();
            var (found, checkedMail) = JournalResolutions();
            output.WriteLine($"mail: {string.Join(", ", copies.Select(q => $"{q.Key}={q.Value.Count} distinct/{q.Value.Values.Sum()} received"))}; " +
                $"duplicates {duplicated.Count}; crash windows held {window.Count} claimed-unmarked agency mail(s); " +
                $"the egress journal checked {checkedMail} re-claimed agency mail(s) and found {found} already in their queue");
            Evidence.Record("crash-" + provider, $"Crash test ({provider}): {all.Count} handovers, hub SIGKILLed twice and restarted; distinct mail as expected, " +
                $"{duplicated.Count} duplicate(s) in any agency queue; {window.Count} agency mail(s) claimed but unmarked at the kills, " +
                $"{checkedMail} re-claimed mail(s) checked against the egress journal, {found} found already delivered and marked without publishing again.");

            // The crash window (the broker confirmed a mail, the hub died before marking its row) no longer makes a
            // second copy: the restarted hub finds the mail in the egress journal and only marks the row.
            duplicated.Should().BeEmpty("no agency queue may receive the same mail twice, not even across crashes");

            // Distinct mail, by count: one handover per case to the receiver, one escalation per silent case to the
            // receiver and the sender, one forwarded answer per answered case to the sender, and one retour per message
            // each sent (the sender's handovers, the receiver's answers), however often a crash made it send again. A
            // second distinct mail for the same fact would have a new id and show up here.
            var silent = all.Count(c => c.Answer == Answer.Silence);
            var answeredCases = all.Count - silent;
            copies[AgencyQueues.MailQueue(Receiver)].Count.Should().Be(all.Count + silent + answeredCases,
                "one handover each, one level-1 notice per silent handover and one retour per answer it gave");
            copies[AgencyQueues.MailQueue(Sender)].Count.Should().Be(answeredCases + silent + all.Count,
                "one forwarded answer each, one level-1 notice per silent handover and one retour per handover it sent");
            foreach (var other in agencyQueues.Where(q => q != AgencyQueues.MailQueue(Receiver) && q != AgencyQueues.MailQueue(Sender)))
                copies[other].Should().BeEmpty($"{other} is no party to these handovers");
        }
    }

    async Task AssertViewsAsync(HttpClient http, List<Case> cases)
    {
        var problems = new List<string>();
        foreach (var c in cases)
        {
            var view = await ViewAsync(c);
            var state = view["state"]!.GetValue<string>();
            var missed = view["history"]!.AsArray().Count(h => h!["event"]!.GetValue<string>() == "deadline-missed");
            var escalations = view["escalations"]!.AsArray();
            var receipt = view["deadlines"]!.AsArray().Where(d => d!["kind"]!.GetValue<string>() == "receipt").ToList();
            if (state != c.ExpectedState)
                problems.Add($"{c.HandoverId} ({c.Answer}): state {state}, expected {c.ExpectedState}");
            if (c.Answer == Answer.Silence)
            {
                if (missed != 1 || receipt.Count != 1 || receipt[0]!["missedAt"] is null)
                    problems.Add($"{c.HandoverId}: {missed} deadline-missed entries, receipt deadlines {receipt.Count}; expected exactly one missed receipt");
                if (escalations.Count != 1 || escalations[0]!["level"]!.GetValue<int>() != 1)
                    problems.Add($"{c.HandoverId}: escalations {escalations.ToJsonString()}; expected exactly one at level 1");
            }
            else if (missed != 0 || escalations.Count != 0)
                problems.Add($"{c.HandoverId} ({c.Answer}): {missed} missed deadlines, {escalations.Count} escalations; expected none");
        }
        output.WriteLine($"views: {cases.Count - problems.Count} of {cases.Count} handovers as expected" +
            string.Concat(problems.Take(20).Select(p => "\n  " + p)));
        problems.Should().BeEmpty();

        async Task<JsonObject> ViewAsync(Case c)
        {
            using var response = await http.GetAsync($"/api/handovers/{c.HandoverId}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"handover {c.HandoverId} was accepted");
            return await response.ReadJsonAsync();
        }
    }
}
