using System.Globalization;
using IntegrationHub.Bench;
using IntegrationHub.Bench.Scenarios;

// dotnet run -c Release --project bench/IntegrationHub.Bench -- --handovers N --db sqlite|postgres
//   the throughput run: the hub and the plain MassTransit peer side by side (bench/README.md). Options: --concurrency C
//   (closed loop, default 32), --warmup W (default 2000), --repeat R (peer/hub pairs, default 2), --rate H (open loop,
//   handovers/s offered, default 500; 0 skips it), --rate-seconds S (default 20), --baseline M (broker messages, default 20000),
//   --queues quorum|classic (the hub's agency queues; default quorum, as the hub ships; classic as the peer's, to split the cost).
// dotnet run -c Release --project bench/IntegrationHub.Bench -- --scenario deadline-storm --open N [--db sqlite|postgres] [--transport embedded|rabbitmq] [--levels 1|2]
// dotnet run -c Release --project bench/IntegrationHub.Bench -- --scenario dashboard --open N [--db sqlite|postgres] [--rounds R] [--keep DIR]
//   (--keep: the SQLite seed stays in DIR, and a later run with the same N reuses it instead of seeding again; the hub
//   changes the database while it runs, so a kept seed is for comparing read calls, not for figures of record)
// dotnet run -c Release --project bench/IntegrationHub.Bench -- --scenario storage [--handovers N]
// dotnet run -c Release --project bench/IntegrationHub.Bench -- --scenario fhir-parse [--iterations N]: the JGZ adapter's parse cost per Bundle.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var command = "dotnet run -c Release --project bench/IntegrationHub.Bench -- " + string.Join(' ', args);
var db = OptionText("--db", "sqlite")!;
if (db is not ("sqlite" or "postgres"))
    return Fail("--db must be sqlite or postgres");
return OptionText("--scenario", null) switch
{
    null => await Throughput.RunAsync(new Throughput.Settings(Option("--handovers", 5000), db, Option("--concurrency", 32), Option("--warmup", 2000),
        Option("--repeat", 2), Option("--rate", 500), Option("--rate-seconds", 20), Option("--baseline", 20000), OptionText("--queues", "quorum")!), command),
    "fhir-parse" => FhirParseBench.Run(Option("--iterations", 2000)),
    "deadline-storm" => await DeadlineStorm.RunAsync(Option("--open", 100_000), db, OptionText("--transport", "embedded")!, Option("--levels", 2), command),
    "dashboard" => await Dashboard.RunAsync(Option("--open", 100_000), db, Option("--rounds", 50), OptionText("--keep", null), command),
    "storage" => await Storage.RunAsync(Option("--handovers", 2000), command),
    _ => Fail("--scenario is fhir-parse, deadline-storm, dashboard or storage (or left out for the throughput run)"),
};

int Option(string name, int fallback) => int.TryParse(OptionText(name, null), out var v) ? v : fallback;

string? OptionText(string name, string? fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
