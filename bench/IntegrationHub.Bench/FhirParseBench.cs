using System.Diagnostics;
using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Adapters.Jgz;
using IntegrationHub.Adapters.Jgz.Fhir;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Bench;

/// <summary>
/// What reading a JGZ referral costs per Bundle, in this process on one thread: the Firely SDK's strict
/// parse alone, and the whole adapter (byte checks, parse, modifier check, mapping, the hub's own
/// validation of the canonical result). System.Text.Json's JsonDocument is the floor for comparison.
/// A benchmark: it prints figures and asserts nothing.
/// </summary>
static class FhirParseBench
{
    const string Command = "dotnet run -c Release --project bench/IntegrationHub.Bench -- --scenario fhir-parse [--iterations N]";

    static readonly (string Name, string[] Path)[] Inputs =
    [
        ("golden Kevin bundle", ["tests", "IntegrationHub.Tests", "Adapters", "Jgz", "Golden", "inbound-handover-kevin.bundle.json"]),
        ("nl-core bundle + consent", ["tests", "IntegrationHub.Tests", "Adapters", "Jgz", "Corpus", "handover-consent-permit.bundle.json"]),
        ("nl-core Task, all contained", ["tests", "IntegrationHub.Tests", "Adapters", "Jgz", "Corpus", "handover-all-contained.task.json"]),
    ];

    public static int Run(int iterations)
    {
        Console.WriteLine($"fhir-parse: {iterations} iterations per input after as many warm-up (the JIT's tier-up is not measured), one thread, {Environment.ProcessorCount} cores");
        Console.WriteLine($"command: {Command}");
        if (File.Exists("/proc/loadavg"))
            Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()} (other work on the machine shows in p99)");
        var adapter = new JgzFhirAdapter();
        var context = new AdapterContext(AgencyDirectory.LoadDemo(), new FixedClock(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)));
        Console.WriteLine();
        Console.WriteLine("| input | bytes | JsonDocument | SDK strict parse | whole adapter Read | allocated per Read |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, path) in Inputs)
        {
            var body = File.ReadAllBytes(RepoFiles.Path(path));
            if (!adapter.Read(body, JgzFhirAdapter.ContentType, context).IsValid)
                return Fail($"{name} is not read as a valid message; the figures would measure a refusal");
            var document = Measure(iterations, () => JsonDocument.Parse(body).Dispose());
            var parse = Measure(iterations, () =>
            {
                var reader = new Utf8JsonReader(body, FhirJson.ReaderOptions);
                FhirJson.Deserializer.TryDeserializeResource(ref reader, out _, out _);
            });
            var read = Measure(iterations, () => adapter.Read(body, JgzFhirAdapter.ContentType, context));
            Console.WriteLine($"| {name} | {body.Length} | {document} | {parse} | {read} | {read.AllocatedKiB:0} KiB |");
        }
        Console.WriteLine();
        Console.WriteLine("Each cell: mean / p50 / p99 in microseconds per Bundle.");
        return 0;
    }

    sealed record Figures(double Mean, double P50, double P99, double AllocatedKiB)
    {
        public override string ToString() => $"{Mean:0} / {P50:0} / {P99:0} µs";
    }

    static Figures Measure(int iterations, Action action)
    {
        for (var i = 0; i < Math.Max(200, iterations); i++)
            action();
        var samples = new double[iterations];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var total = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        total.Stop();
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)iterations / 1024;
        Array.Sort(samples);
        return new Figures(total.Elapsed.TotalMicroseconds / iterations, samples[iterations / 2], samples[(int)(iterations * 0.99)], allocated);
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
