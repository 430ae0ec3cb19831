using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using IntegrationHub.Adapters.Jgz;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>The adapter under test, its context (demo directory, a fixed clock) and the golden files.</summary>
public static class JgzTestKit
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    public static readonly JgzFhirAdapter Adapter = new();
    public static readonly AdapterContext Context = new(AgencyDirectory.LoadDemo(), new SimulatedClock(Now));

    public static string GoldenPath(string name) => Path.Combine(AppContext.BaseDirectory, "Adapters", "Jgz", "Golden", name);

    public static string Golden(string name) => File.ReadAllText(GoldenPath(name));

    public static JsonObject GoldenObject(string name) => JsonNode.Parse(Golden(name))!.AsObject();

    /// <summary>
    /// Compares with a golden file. With UPDATE_GOLDEN=1 the file in the source tree is rewritten
    /// instead, for a deliberate change of format that is then reviewed in the diff.
    /// </summary>
    public static void ShouldMatchGolden(string actualJson, string name)
    {
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var source = RepoFiles.Path("tests", "IntegrationHub.Tests", "Adapters", "Jgz", "Golden", name);
            File.WriteAllText(source, Pretty(actualJson) + "\n");
            return;
        }
        var expected = JsonNode.Parse(Golden(name));
        var actual = JsonNode.Parse(actualJson);
        JsonNode.DeepEquals(actual, expected).Should().BeTrue(
            $"{name} should match; actual:\n{Pretty(actualJson)}");
    }

    public static string Pretty(string json) =>
        JsonSerializer.Serialize(JsonNode.Parse(json), new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });

    public static InboundResult Read(string json, string? contentType = JgzFhirAdapter.ContentType) =>
        Adapter.Read(Encoding.UTF8.GetBytes(json), contentType, Context);

    public static InboundResult Read(JsonNode node) => Read(node.ToJsonString());
}
