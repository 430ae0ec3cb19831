using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Support;

/// <summary>The demo directory with one agency's delivery changed, written to a file for Hub:Directory:Path.</summary>
public static class AgencyDirectoryFile
{
    public static string WithWebhook(string directory, string agencyId, Uri url)
    {
        var root = JsonNode.Parse(RepoFiles.Read("src", "Contracts", "Agencies", "demo-directory.json"))!;
        var agency = root["agencies"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == agencyId)!;
        agency["delivery"]!["kind"] = "webhook";
        agency["delivery"]!["url"] = url.ToString();
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "directory.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}

/// <summary>The demo directory with client certificates (mutual TLS) registered for agencies, by SHA-256 thumbprint.</summary>
public static class AgencyDirectoryWithCertificates
{
    public static string Write(string directory, IReadOnlyDictionary<string, string> thumbprintByAgency)
    {
        var root = JsonNode.Parse(RepoFiles.Read("src", "Contracts", "Agencies", "demo-directory.json"))!;
        foreach (var (agencyId, thumbprint) in thumbprintByAgency)
        {
            var agency = root["agencies"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == agencyId)!;
            agency["certificates"] = new JsonArray(new JsonObject { ["thumbprint"] = thumbprint });
        }
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "directory-with-certificates.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
