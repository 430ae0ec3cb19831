using System.Globalization;

namespace IntegrationHub.Bench;

/// <summary>Where a run's report is kept: bench/results/ (git-ignored), named by time and scenario.</summary>
static class BenchResults
{
    public static void Write(string name, string report)
    {
        var directory = Path.Combine(BenchPaths.Root, "bench", "results");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + name + ".md");
        File.WriteAllText(file, report);
        Console.WriteLine($"written to {file}");
    }
}

static class BenchMachine
{
    /// <summary>The 1, 5 and 15 minute load averages: the machine is shared, so every report says how busy it was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
