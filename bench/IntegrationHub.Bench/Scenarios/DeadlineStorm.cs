using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using IntegrationHub.Bench.Seeding;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// After a long weekend: N receipt deadlines fall due at the same instant of the simulated clock. The handovers are
/// bulk-seeded as delivered and unconfirmed (<see cref="BulkSeeder"/>), the hub is started on them in a process of
/// its own, and the clock is moved past their due time (POST /api/admin/clock, as an operator would). Measured from
/// that call: when the last level-1 escalation was recorded, and when the last notice was handed to the broker (its
/// outbox row marked sent after the drop confirmed it: the embedded mailbox, or RabbitMQ's confirm). Optionally the
/// clock is then moved on to level 2.
/// </summary>
static class DeadlineStorm
{
    public static async Task<int> RunAsync(int open, string db, string transport, int levels, string command)
    {
        Console.WriteLine($"deadline storm: {open:N0} receipt deadlines due at once, --db {db}, transport {transport}, {Environment.ProcessorCount} cores");
        await using var bench = await BenchDatabase.CreateAsync(db);
        RabbitMqNode? rabbit = null;
        if (transport == "rabbitmq")
        {
            rabbit = new RabbitMqNode();
            await rabbit.InitializeAsync();
            Console.WriteLine($"private RabbitMQ {rabbit.Version} on 127.0.0.1:{rabbit.AmqpPort}");
        }
        await using var stopRabbit = new Stop(rabbit is null ? () => Task.CompletedTask : rabbit.DisposeAsync);

        // A Monday morning; the receipt deadlines (2 working days) fall due together on Wednesday.
        var submitted = new DateTimeOffset(2026, 11, 16, 8, 30, 0, TimeSpan.Zero);
        var seedWatch = Stopwatch.StartNew();
        var due = await new BulkSeeder(bench.Database).SeedDeliveredAsync(open, submitted, m => Console.WriteLine("  " + m));
        var seedSeconds = seedWatch.Elapsed.TotalSeconds;
        Console.WriteLine($"every receipt deadline is due at {due:yyyy-MM-dd HH:mm} UTC; database {bench.Bytes() / 1048576.0:0} MiB");

        var settings = bench.HubSettings().Concat(["--Hub:Clock:Simulated=true", $"--Hub:Clock:Start={submitted.AddMinutes(2):O}"]).ToList();
        if (rabbit is not null)
            settings.AddRange(rabbit.HubSettings.Select(s => $"--{s.Key}={s.Value}"));
        var log = Path.Combine(bench.DataDirectory, "hub.log");
        await using var hub = await HubProcess.StartAsync(settings, log);
        using var client = hub.Client(HubProcess.OperatorKey);
        Console.WriteLine($"hub process {hub.Id} started, RSS {hub.Rss / 1048576.0:0} MiB");

        var phases = new List<Phase>();
        var to = due.AddMinutes(1);
        for (var level = 1; level <= levels; level++)
        {
            var phase = await PhaseAsync(bench, hub, client, open, level, to);
            phases.Add(phase);
            if (phase.EscalatedSeconds is null)
                break;
            await using var connection = await bench.Database.OpenAsync();
            var next = await connection.ExecuteScalarAsync<long?>("SELECT MIN(next_due_at) FROM handovers");
            if (next is null)
                break;
            to = DateTimeOffset.FromUnixTimeMilliseconds(next.Value).AddMinutes(1);
        }

        var report = new StringBuilder();
        report.AppendLine($"# Deadline storm, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        report.AppendLine();
        report.AppendLine($"Command: `{command}`");
        report.AppendLine($"Machine: {Environment.ProcessorCount} cores, load average before the run {BenchMachine.LoadAverage()}");
        report.AppendLine($"Seeded: {open:N0} delivered handovers (7 agency pairs, 20 municipalities) written straight into the database by the bench's bulk seeder in {seedSeconds:0} s (each state built by the hub's own machine; read model kept by the hub's store).");
        report.AppendLine();
        report.AppendLine("| level | handovers escalated | time to last escalation recorded | notices | time to last notice handed to the broker | hub CPU (cores) | hub peak RSS |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var p in phases)
            report.AppendLine($"| {p.Level} | {p.Escalated:N0} | {Seconds(p.EscalatedSeconds)} | {p.Notices:N0} | {Seconds(p.NotifiedSeconds)} | {p.Cores:0.00} | {p.PeakRss / 1048576.0:0} MiB |");
        report.AppendLine();
        report.AppendLine("```");
        foreach (var p in phases)
            foreach (var line in p.Timeline)
                report.AppendLine($"L{p.Level} {line}");
        report.AppendLine("```");
        Console.WriteLine(report);
        BenchResults.Write($"deadline-storm-{open}-{db}-{transport}", report.ToString());
        return phases.All(p => p.NotifiedSeconds is not null) ? 0 : 1;
    }

    static string Seconds(double? s) => s is { } v ? $"{v:0.0} s" : "not reached";

    sealed record Phase(int Level, long Escalated, double? EscalatedSeconds, long Notices, double? NotifiedSeconds, double Cores, long PeakRss, List<string> Timeline);

    static async Task<Phase> PhaseAsync(BenchDatabase bench, HubProcess hub, HttpClient client, int open, int level, DateTimeOffset to)
    {
        long outboxBefore;
        await using (var connection = await bench.Database.OpenAsync())
            outboxBefore = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) FROM outbox");
        var cpuBefore = hub.Cpu;
        var watch = Stopwatch.StartNew();
        var move = client.PostAsJsonAsync("/api/admin/clock", new { to });
        double? escalatedAt = null, notifiedAt = null;
        long escalated = 0, pending = 0;
        var timeline = new List<string>();
        var lastLine = TimeSpan.Zero;
        var lastCpu = cpuBefore;
        // Counting a million rows four times a second took half a core from the hub it measures: the poll slows with
        // the size (a quarter second per 100,000), which keeps the reading within 1 % of the figure it reads.
        var poll = TimeSpan.FromMilliseconds(250 * Math.Max(1, open / 100_000));
        while (watch.Elapsed < TimeSpan.FromMinutes(60))
        {
            await Task.Delay(poll);
            if (move.IsCompleted && !move.Result.IsSuccessStatusCode)
                throw new InvalidOperationException($"moving the clock answered {(int)move.Result.StatusCode}: {await move.Result.Content.ReadAsStringAsync()}");
            await using (var connection = await bench.Database.OpenAsync())
            {
                escalated = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handovers WHERE open_escalation_level >= @Level", new { Level = level });
                pending = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL");
            }
            var now = watch.Elapsed;
            if (escalatedAt is null && escalated >= open)
                escalatedAt = now.TotalSeconds;
            if (escalatedAt is not null && pending == 0)
            {
                notifiedAt = now.TotalSeconds;
                break;
            }
            if (now - lastLine >= TimeSpan.FromSeconds(5))
            {
                var cpu = hub.Cpu;
                timeline.Add($"{now.TotalSeconds,6:0}s  escalated {escalated,9:N0}  outbox unsent {pending,9:N0}  hub CPU {(cpu - lastCpu).TotalSeconds / (now - lastLine).TotalSeconds:0.00} cores  RSS {hub.Rss / 1048576.0:0} MiB");
                (lastLine, lastCpu) = (now, cpu);
            }
        }
        var elapsed = watch.Elapsed;
        await move;
        long notices;
        await using (var connection = await bench.Database.OpenAsync())
            notices = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE id > @Before", new { Before = outboxBefore });
        var phase = new Phase(level, escalated, escalatedAt, notices, notifiedAt, (hub.Cpu - cpuBefore).TotalSeconds / elapsed.TotalSeconds, hub.PeakRss, timeline);
        Console.WriteLine($"level {level}: {escalated:N0} escalated at {Seconds(escalatedAt)}, {notices:N0} notices handed over at {Seconds(notifiedAt)}, hub {phase.Cores:0.00} cores");
        return phase;
    }
}
