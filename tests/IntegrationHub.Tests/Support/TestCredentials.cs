using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Support;

/// <summary>
/// The keys a test hub is started with: one per agency of its directory, one operator, one auditor. Not the
/// demo keys, so the same tests run on the embedded default and on RabbitMQ/PostgreSQL (where demo keys are refused).
/// </summary>
public static class TestCredentials
{
    public const string Operator = "test-operator-key";
    public const string Auditor = "test-auditor-key";

    public static string Agency(string agencyId) => agencyId + "-test-key";

    /// <summary>The given settings plus a key for every role and agency they do not configure themselves.</summary>
    public static Dictionary<string, string?> Settings(IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings);
        bool Configured(string prefix) => settings.Keys.Any(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        if (!Configured("Hub:Access:Operators"))
            all["Hub:Access:Operators:0"] = Operator;
        if (!Configured("Hub:Access:Auditors"))
            all["Hub:Access:Auditors:0"] = Auditor;
        foreach (var agency in AgencyIds(settings.TryGetValue("Hub:Directory:Path", out var path) ? path : null))
            if (!Configured($"Hub:Access:Agencies:{agency}"))
                all[$"Hub:Access:Agencies:{agency}:0"] = Agency(agency);
        return all;
    }

    /// <summary>Command-line arguments with the same keys, for a hub started as its own process.</summary>
    public static IEnumerable<string> Arguments(string? directoryPath = null) =>
        Settings(directoryPath is null ? new Dictionary<string, string?>() : new() { ["Hub:Directory:Path"] = directoryPath })
            .Where(s => s.Key.StartsWith("Hub:Access:", StringComparison.Ordinal))
            .Select(s => $"--{s.Key}={s.Value}");

    /// <summary>Every agency id of the demo directory.</summary>
    public static IEnumerable<string> AgencyIdsOfDemo() => AgencyIds(null);

    static IEnumerable<string> AgencyIds(string? directoryPath)
    {
        var json = directoryPath is null ? RepoFiles.Read("src", "Contracts", "Agencies", "demo-directory.json") : File.ReadAllText(directoryPath);
        return JsonNode.Parse(json)!["agencies"]!.AsArray().Select(a => a!["id"]!.GetValue<string>());
    }
}
