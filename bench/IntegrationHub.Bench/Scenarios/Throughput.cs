using System.Text;
using IntegrationHub.Bench.Peer;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// The hub against a plain MassTransit 8.4.0 saga with the same four steps (the peer), on one private broker, in one
/// run: both warmed up until the JIT has settled, then measured in alternation (peer, hub, peer, hub), because the
/// machine is shared and only side-by-side figures compare. Closed loop for throughput, open loop at a fixed offered
/// rate for latency. Hub and peer each run inside this process with the driver.
/// </summary>
static class Throughput
{
    public sealed record Settings(int Handovers, string Db, int Concurrency, int Warmup, int Repeat, int Rate, int RateSeconds, int Baseline, string Queues = "quorum");

    public static async Task<int> RunAsync(Settings s, string command)
    {
        Console.WriteLine($"throughput: {s.Handovers} handovers per measured run, {s.Concurrency} in flight, --db {s.Db}, hub queues {s.Queues}, {Environment.ProcessorCount} cores, load {BenchMachine.LoadAverage()}");
        if (s.Queues is not ("quorum" or "classic"))
            throw new ArgumentException("--queues is quorum or classic");
        var rabbit = new RabbitMqNode();
        await using var stopRabbit = new Stop(rabbit.DisposeAsync);
        await rabbit.InitializeAsync();
        Console.WriteLine($"private RabbitMQ {rabbit.Version} on 127.0.0.1:{rabbit.AmqpPort}");
        var postgres = s.Db == "postgres" ? new PostgresCluster() : null;
        await using var stopPostgres = new Stop(postgres is null ? () => Task.CompletedTask : postgres.DisposeAsync);
        if (postgres is not null)
        {
            await postgres.InitializeAsync();
            Console.WriteLine($"private PostgreSQL 15 on 127.0.0.1:{postgres.Port} (fsync=off, as in the test fixture)");
        }

        // The broker alone first, while nothing else of ours runs on it.
        var baseline = await BrokerBaseline.RunAsync(rabbit.AmqpPort, s.Baseline);
        Console.WriteLine($"baseline: {baseline:0} msg/s (persistent 1 KiB, confirms, one durable classic queue, {s.Baseline} messages)");

        var dataDirectory = Path.Combine(Path.GetTempPath(), "hub-bench-" + Guid.NewGuid().ToString("N")[..10]);
        var hubArgs = new List<string>
        {
            "--urls", "http://127.0.0.1:0", $"--Hub:DataDirectory={dataDirectory}", "--Hub:Transport=rabbitmq",
            "--Hub:RabbitMq:Host=127.0.0.1", $"--Hub:RabbitMq:Port={rabbit.AmqpPort}",
            $"--Hub:RabbitMq:Username={RabbitMqNode.HubUser}", $"--Hub:RabbitMq:Password={rabbit.HubPassword}", $"--Hub:Database:Provider={s.Db}",
            $"--Hub:RabbitMq:QuorumQueues={s.Queues == "quorum"}",
            // Per-handover information logs would measure the console, not the hub.
            "--Serilog:MinimumLevel:Default=Warning",
            $"--Hub:Access:Agencies:{HubLifecycle.Sender}:0={Key(HubLifecycle.Sender)}",
            "--Hub:Access:Operators:0:name=bench", $"--Hub:Access:Operators:0:key={HubProcess.OperatorKey}",
            $"--Hub:Access:Agencies:{HubLifecycle.Receiver}:0={Key(HubLifecycle.Receiver)}",
        };
        if (postgres is not null)
            hubArgs.Add($"--Hub:Database:ConnectionString={postgres.ConnectionString("postgres")}");
        var app = await HubApp.BuildAsync(hubArgs.ToArray());
        await app.StartAsync();
        await using var peer = await PeerLifecycle.StartAsync(rabbit.AmqpPort);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var clients = new[] { HubLifecycle.Sender, HubLifecycle.Receiver }.ToDictionary(a => a, a =>
            {
                // An agency system keeps a pool of connections, not one per message: offered faster than the hub answers, the
                // open loop once held 9,000 sockets on each side of this one process and ran out of file descriptors.
                // Calls beyond the pool wait for a connection, and that wait counts in their latency.
                var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 128 };
                var client = new HttpClient(handler) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(120) };
                client.DefaultRequestHeaders.Authorization = new("Bearer", Key(a));
                return client;
            });
            var hub = new HubLifecycle(a => clients[a], app.Services.GetRequiredService<HubDatabase>(), s.Queues);
            var hubDriver = new LifecycleDriver(hub, rabbit.AmqpPort);
            var peerDriver = new LifecycleDriver(peer, rabbit.AmqpPort);

            // Steady state: tiered JIT keeps recompiling hot methods for the first several thousand steps.
            Console.WriteLine($"warm-up: {s.Warmup} handovers each");
            await peerDriver.RunClosedAsync(s.Warmup, s.Concurrency);
            await hubDriver.RunClosedAsync(s.Warmup, s.Concurrency);

            var closed = new List<RunResult>();
            for (var r = 0; r < s.Repeat; r++)
                foreach (var driver in new[] { peerDriver, hubDriver })
                {
                    var result = await driver.RunClosedAsync(s.Handovers, s.Concurrency);
                    Console.WriteLine($"closed loop {r + 1}: {Line(result)}");
                    closed.Add(result);
                }
            var open = new List<RunResult>();
            if (s.Rate > 0)
                foreach (var driver in new[] { peerDriver, hubDriver })
                {
                    var result = await driver.RunAtRateAsync(s.Rate, s.RateSeconds);
                    Console.WriteLine($"open loop {s.Rate}/s: {Line(result)}");
                    open.Add(result);
                }

            var report = Report(s, command, baseline, closed, open) + await HubTimings.ReadAsync(address, HubProcess.OperatorKey);
            Console.WriteLine(report);
            BenchResults.Write($"throughput-{s.Db}", report);
            return closed.Concat(open).Sum(r => r.Failures) == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
        }
    }

    static string Key(string agency) => agency + "-bench-key";

    static string Line(RunResult r) =>
        $"{r.Name}: {r.EventsPerSecond:0} saga events/s ({r.SagaEvents} in {r.Elapsed.TotalSeconds:0.0} s), submit->mail p50 {P(r, 0.5):0.0} ms p99 {P(r, 0.99):0.0} ms, {r.CpuMsPerEvent:0.00} ms CPU per event, {r.Failures} failed{(r.Busy > 0 ? $", {r.Busy} calls answered busy (503) and sent again" : "")}";

    static double P(RunResult r, double p) => Dashboard.Percentile(r.DeliveredMs, p);

    static string Report(Settings s, string command, double baseline, List<RunResult> closed, List<RunResult> open)
    {
        var report = new StringBuilder();
        report.AppendLine($"# Throughput, hub and peer side by side, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        report.AppendLine();
        report.AppendLine($"Command: `{command}`");
        report.AppendLine($"Machine: {Environment.ProcessorCount} cores, load average at the end {BenchMachine.LoadAverage()}; RabbitMQ baseline {baseline:0} msg/s (persistent 1 KiB, confirms, one durable classic queue).");
        report.AppendLine($"The hub's agency queues: {s.Queues} (the peer's: classic).");
        report.AppendLine($"Both warmed up with {s.Warmup} handovers, then measured in alternation, {s.Concurrency} in flight (closed loop); then {s.Rate} handovers/s offered for {s.RateSeconds} s (open loop).");
        report.AppendLine();
        report.AppendLine("| run | system | saga events/s | handovers | submit->mail p50 / p99 | bench process CPU per event | failed |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        for (var i = 0; i < closed.Count; i++)
            report.AppendLine($"| closed {i / 2 + 1} | {closed[i].Name} | {closed[i].EventsPerSecond:0} | {closed[i].Handovers} in {closed[i].Elapsed.TotalSeconds:0.0} s | {P(closed[i], 0.5):0.0} / {P(closed[i], 0.99):0.0} ms | {closed[i].CpuMsPerEvent:0.00} ms | {closed[i].Failures}{(closed[i].Busy > 0 ? $"; {closed[i].Busy} answered busy (503)" : "")} |");
        foreach (var r in open)
            report.AppendLine($"| {s.Rate}/s offered | {r.Name} | {r.EventsPerSecond:0} | {r.Handovers} in {r.Elapsed.TotalSeconds:0.0} s | {P(r, 0.5):0.0} / {P(r, 0.99):0.0} ms | {r.CpuMsPerEvent:0.00} ms | {r.Failures}{(r.Busy > 0 ? $"; {r.Busy} calls answered busy (503), sent again after Retry-After" : "")} |");
        var peerRate = closed.Where(r => r.Name != "hub").Select(r => r.EventsPerSecond).ToList();
        var hubRate = closed.Where(r => r.Name == "hub").Select(r => r.EventsPerSecond).ToList();
        if (peerRate.Count > 0 && hubRate.Count > 0)
            report.AppendLine($"\nhub / peer saga events/s, pair by pair: {string.Join(", ", hubRate.Zip(peerRate, (h, p) => $"{h / p:0.00}"))}");
        report.AppendLine();
        report.AppendLine("Timelines (closed loop, last pair):");
        report.AppendLine("```");
        foreach (var r in closed.TakeLast(2))
            foreach (var line in r.Timeline)
                report.AppendLine($"{(r.Name == "hub" ? "hub " : "peer")} {line}");
        report.AppendLine("```");
        return report.ToString();
    }
}
