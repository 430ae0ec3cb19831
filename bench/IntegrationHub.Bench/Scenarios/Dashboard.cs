using System.Diagnostics;
using System.Text;
using IntegrationHub.Bench.Seeding;

namespace IntegrationHub.Bench.Scenarios;

/// <summary>
/// The operator's dashboard at N handovers: the hub, in a process of its own, started on N bulk-seeded handovers (a
/// year of a region's mix, <see cref="BulkSeeder.SeedMixAsync"/>); every GET of /api/operator is called in turn, one
/// operator at a time, after a few warm-up rounds; p50/p99 per call; the hub's RSS sampled every 100 ms and its peak
/// (VmHWM, from start-up on) reported.
/// </summary>
static class Dashboard
{
    public static async Task<int> RunAsync(int open, string db, int rounds, string? keep, string command)
    {
        Console.WriteLine($"dashboard: {open:N0} handovers, --db {db}, {rounds} rounds of every operator call");
        await using var bench = await BenchDatabase.CreateAsync(db, keep);
        var end = new DateTimeOffset(2026, 11, 16, 8, 0, 0, TimeSpan.Zero);
        var seedWatch = Stopwatch.StartNew();
        var seed = $"mix of {open} ending {end:O}";
        var reused = bench.Seeded == seed;
        if (reused)
            Console.WriteLine($"  reusing the seed in {bench.DataDirectory}");
        else
        {
            await new BulkSeeder(bench.Database).SeedMixAsync(open, end, m => Console.WriteLine("  " + m));
            bench.MarkSeeded(seed);
        }
        var seedSeconds = seedWatch.Elapsed.TotalSeconds;
        var bytes = bench.Bytes();
        Console.WriteLine($"database {bytes / 1048576.0:0} MiB");

        var settings = bench.HubSettings().Concat(["--Hub:Clock:Simulated=true", $"--Hub:Clock:Start={end.AddMinutes(1):O}"]).ToList();
        await using var hub = await HubProcess.StartAsync(settings, Path.Combine(bench.DataDirectory, "hub.log"));
        using var client = hub.Client(HubProcess.OperatorKey, TimeSpan.FromMinutes(5));
        var startRss = hub.Rss;
        Console.WriteLine($"hub process {hub.Id} started, RSS {startRss / 1048576.0:0} MiB");

        var random = new Random(42);
        (string Name, Func<string> Path)[] calls =
        [
            ("counts", () => "/api/operator/counts"),
            ("handovers", () => "/api/operator/handovers"),
            ("handovers?state=care-started", () => "/api/operator/handovers?state=care-started"),
            ("handovers?agency=bjz-noord-brabant", () => "/api/operator/handovers?agency=bjz-noord-brabant"),
            ("handovers?overdue=true", () => "/api/operator/handovers?overdue=true&pageSize=25"),
            ("handovers?page=2000", () => "/api/operator/handovers?page=2000"),
            ("handovers/{id}", () => $"/api/operator/handovers/{BulkSeeder.IdOf(random.Next(open))}"),
            ("escalations", () => "/api/operator/escalations?pageSize=25"),
            ("escalations?page=100", () => "/api/operator/escalations?page=100&pageSize=25"),
            ("lead-times", () => "/api/operator/lead-times?pageSize=25"),
            ("lead-times?from&to&municipality", () => "/api/operator/lead-times?from=2026-05&to=2026-10&municipality=Tilburg"),
            ("reports", () => "/api/operator/reports"),
            ("reports?format=csv", () => "/api/operator/reports?format=csv"),
            ("reports?municipality", () => "/api/operator/reports?municipality=Breda&from=2026-01"),
            ("rejects", () => "/api/operator/rejects?pageSize=25"),
            ("faults", () => "/api/operator/faults"),
            ("undeliverable", () => "/api/operator/undeliverable"),
            ("purges", () => "/api/operator/purges"),
        ];
        var timings = calls.ToDictionary(c => c.Name, _ => new List<double>());
        // The first call after start-up: nothing kept in memory yet (the lead-time cells), the database's pages cold.
        var first = new Dictionary<string, double>();
        var failures = new List<string>();
        var warmup = Math.Max(3, rounds / 10);
        for (var round = 0; round < warmup + rounds; round++)
            foreach (var (name, path) in calls)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path());
                await response.Content.LoadIntoBufferAsync();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode && failures.Count < 5)
                    failures.Add($"{name}: {(int)response.StatusCode}");
                if (round == 0)
                    first[name] = ms;
                if (round >= warmup)
                    timings[name].Add(ms);
            }
        var samples = hub.RssSamples;
        var peak = hub.PeakRss;

        var report = new StringBuilder();
        report.AppendLine($"# Dashboard, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        report.AppendLine();
        report.AppendLine($"Command: `{command}`");
        report.AppendLine($"Machine: {Environment.ProcessorCount} cores, load average before the calls {BenchMachine.LoadAverage()}");
        report.AppendLine($"Seeded: {open:N0} handovers over a year (a region's mix: in care, completed, rejected, withdrawn, waiting, overdue and escalated), written straight into the database by the bench's bulk seeder {(reused ? "in an earlier run (--keep)" : $"in {seedSeconds:0} s")}; database {bytes / 1048576.0:0} MiB.");
        report.AppendLine($"{rounds} measured rounds after {warmup} warm-up rounds; one operator, calls one after another; \"first after start\" is the first round's call.");
        report.AppendLine();
        report.AppendLine("| call | first after start | p50 | p99 | max |");
        report.AppendLine("|---|---|---|---|---|");
        foreach (var (name, _) in calls)
        {
            var t = timings[name].Order().ToList();
            report.AppendLine($"| {name} | {first[name]:0.0} ms | {Percentile(t, 0.5):0.0} ms | {Percentile(t, 0.99):0.0} ms | {t[^1]:0.0} ms |");
        }
        report.AppendLine();
        report.AppendLine($"Hub RSS: {startRss / 1048576.0:0} MiB after start-up, highest sample {samples.Max(s => s.Rss) / 1048576.0:0} MiB, peak (VmHWM, since start) {peak / 1048576.0:0} MiB.");
        if (failures.Count > 0)
            report.AppendLine($"Failed calls: {string.Join(", ", failures)}");
        Console.WriteLine(report);
        BenchResults.Write($"dashboard-{open}-{db}", report.ToString());
        return failures.Count == 0 ? 0 : 1;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
