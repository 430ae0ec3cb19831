using IntegrationHub.IntegrationTests.Infrastructure;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using IntegrationHub.Bench;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// dotnet run -c Release --project bench/IntegrationHub.Bench -- --handovers N --db sqlite|postgres
// Options: --concurrency C (handovers in flight, default 32), --baseline M (broker messages, default 20000),
// --warmup W (handovers before the measured run, default 1000).
// dotnet run -c Release --project bench/IntegrationHub.Bench -- --scenario fhir-parse [--iterations N]: the JGZ adapter's parse cost per Bundle.
// dotnet run -c Release --project bench/IntegrationHub.Bench -- --scenario deadline-storm --open N [--db sqlite|postgres] [--transport embedded|rabbitmq] [--levels 1|2]
// dotnet run -c Release --project bench/IntegrationHub.Bench -- --scenario dashboard --open N [--db sqlite|postgres] [--rounds R]
// dotnet run -c Release --project bench/IntegrationHub.Bench -- --scenario storage [--handovers N]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var command = "dotnet run -c Release --project bench/IntegrationHub.Bench -- " + string.Join(' ', args);
if (OptionText("--scenario", null) is { } scenario)
    return scenario switch
    {
        "fhir-parse" => FhirParseBench.Run(Option("--iterations", 2000)),
        "deadline-storm" => await IntegrationHub.Bench.Scenarios.DeadlineStorm.RunAsync(Option("--open", 100_000), OptionText("--db", "sqlite")!,
            OptionText("--transport", "embedded")!, Option("--levels", 2), command),
        "dashboard" => await IntegrationHub.Bench.Scenarios.Dashboard.RunAsync(Option("--open", 100_000), OptionText("--db", "sqlite")!, Option("--rounds", 50), command),
        _ => Fail("--scenario is fhir-parse, deadline-storm, dashboard or storage (or left out for the throughput run)"),
    };
var handovers = Option("--handovers", 1000);
var concurrency = Option("--concurrency", 32);
var baselineCount = Option("--baseline", 20000);
var warmupCount = Option("--warmup", 1000);
var db = OptionText("--db", "sqlite");
if (db is not ("sqlite" or "postgres"))
    return Fail("--db must be sqlite or postgres");
const double Target = 0.3;

Console.WriteLine($"IntegrationHub bench: {handovers} handovers, {concurrency} in flight, --db {db}, {Environment.ProcessorCount} cores");
var rabbit = new RabbitMqNode();
await using var stopRabbit = new Stop(rabbit.DisposeAsync);
await rabbit.InitializeAsync();
Console.WriteLine($"private RabbitMQ {rabbit.Version} on 127.0.0.1:{rabbit.AmqpPort}");
var postgres = db == "postgres" ? new PostgresCluster() : null;
await using var stopPostgres = new Stop(postgres is null ? () => Task.CompletedTask : postgres.DisposeAsync);
if (postgres is not null)
{
    await postgres.InitializeAsync();
    Console.WriteLine($"private PostgreSQL 15 on 127.0.0.1:{postgres.Port} (fsync=off, as in the test fixture)");
}

// The broker alone first, while nothing else of ours runs on it.
var baseline = await BrokerBaseline.RunAsync(rabbit.AmqpPort, baselineCount);
Console.WriteLine($"baseline: {baseline:0} msg/s (persistent 1 KiB, confirms, one durable classic queue, {baselineCount} messages)");

var dataDirectory = Path.Combine(Path.GetTempPath(), "hub-bench-" + Guid.NewGuid().ToString("N")[..10]);
var args2 = new List<string>
{
    "--urls", "http://127.0.0.1:0", $"--Hub:DataDirectory={dataDirectory}", "--Hub:Transport=rabbitmq",
    "--Hub:RabbitMq:Host=127.0.0.1", $"--Hub:RabbitMq:Port={rabbit.AmqpPort}",
    $"--Hub:RabbitMq:Username={RabbitMqNode.HubUser}", $"--Hub:RabbitMq:Password={rabbit.HubPassword}", $"--Hub:Database:Provider={db}",
    // Per-handover information logs would measure the console, not the hub.
    "--Serilog:MinimumLevel:Default=Warning",
    // Not the embedded default, so no demo keys: the two agencies the bench drives get their own.
    $"--Hub:Access:Agencies:{HubDriver.Sender}:0={BenchKey(HubDriver.Sender)}",
    $"--Hub:Access:Agencies:{HubDriver.Receiver}:0={BenchKey(HubDriver.Receiver)}",
};
if (postgres is not null)
    args2.Add($"--Hub:Database:ConnectionString={postgres.ConnectionString("postgres")}");
var app = await HubApp.BuildAsync(args2.ToArray());
await app.StartAsync();
try
{
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    var clients = new[] { HubDriver.Sender, HubDriver.Receiver }.ToDictionary(a => a, a =>
    {
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", BenchKey(a));
        return client;
    });
    HttpClient AsAgency(string agency) => clients[agency];
    var database = app.Services.GetRequiredService<HubDatabase>();

    // The measured run is the steady state: tiered JIT keeps recompiling hot methods for the first several
    // thousand steps (a CPU profile of a run with a 50-handover warm-up spent a quarter of its time in the JIT).
    if (warmupCount > 0)
        await new HubDriver(AsAgency, database, rabbit.AmqpPort, concurrency).RunAsync(warmupCount, CancellationToken.None);
    var result = await new HubDriver(AsAgency, database, rabbit.AmqpPort, concurrency).RunAsync(handovers, CancellationToken.None);

    using var self = Process.GetCurrentProcess();
    self.Refresh();
    var report = Report(result, baseline, self.PeakWorkingSet64);
    Console.WriteLine(report);
    var resultsDirectory = Path.Combine(FindRoot(), "bench", "results");
    Directory.CreateDirectory(resultsDirectory);
    var file = Path.Combine(resultsDirectory, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + $"-{db}.md");
    await File.WriteAllTextAsync(file, report);
    Console.WriteLine($"written to {file}");
    return result.Failures == 0 ? 0 : 1;
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
}

string Report(HubRunResult r, double baselinePerSecond, long peakBytes)
{
    var seconds = r.Elapsed.TotalSeconds;
    var sagaPerSecond = r.SagaEvents / seconds;
    var ratio = sagaPerSecond / baselinePerSecond;
    var s = new StringBuilder();
    s.AppendLine($"# IntegrationHub bench, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    s.AppendLine();
    s.AppendLine($"Machine: {Environment.MachineName}, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}. Shared with other builds: numbers are noisy.");
    s.AppendLine($"Command: `dotnet run -c Release --project bench/IntegrationHub.Bench -- --handovers {handovers} --db {db} --concurrency {concurrency} --baseline {baselineCount} --warmup {warmupCount}`");
    s.AppendLine();
    s.AppendLine("| figure | value |");
    s.AppendLine("|---|---|");
    s.AppendLine($"| handovers (failed) | {r.Handovers} ({r.Failures}) in {seconds:0.0} s |");
    s.AppendLine($"| handovers/s (submit to care started, outbox drained) | {r.Handovers / seconds:0.0} |");
    s.AppendLine($"| saga events consumed | {r.SagaEvents} ({(double)r.SagaEvents / r.Handovers:0.00} per handover) |");
    s.AppendLine($"| saga events/s | {sagaPerSecond:0.0} |");
    s.AppendLine($"| submit-to-delivered p50 / p99 | {Percentile(r.DeliveredMs, 0.50):0} ms / {Percentile(r.DeliveredMs, 0.99):0} ms |");
    s.AppendLine($"| peak working set (bench driver + hub, one process) | {peakBytes / (1024.0 * 1024):0} MiB |");
    s.AppendLine($"| RabbitMQ baseline (persistent 1 KiB, confirms, 1 durable classic queue) | {baselinePerSecond:0} msg/s |");
    s.AppendLine($"| ratio saga events/s / baseline msg/s | {ratio:0.000} (target {Target}: {(ratio >= Target ? "met" : "NOT met")}) |");
    s.AppendLine();
    s.AppendLine("Timeline (where work waits):");
    s.AppendLine("```");
    foreach (var line in r.Timeline)
        s.AppendLine(line);
    s.AppendLine("```");
    return s.ToString();
}

static double Percentile(IReadOnlyList<double> sorted, double p) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

int Option(string name, int fallback) => int.TryParse(OptionText(name, null), out var v) ? v : fallback;

string? OptionText(string name, string? fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string BenchKey(string agency) => agency + "-bench-key";

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
            return dir.FullName;
    return Directory.GetCurrentDirectory();
}
