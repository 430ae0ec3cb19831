using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using IntegrationHub.Adapters.Veiligheidshuis;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Adapters.Veiligheidshuis;

/// <summary>
/// Golden files of the Veiligheidshuis adapter. Run with UPDATE_GOLDEN=1 to rewrite the expected
/// files from the adapter's output; review the diff, since a golden file is the documented format.
/// </summary>
static class VhhFixtures
{
    public static readonly VeiligheidshuisAdapter Adapter = new();

    public static AdapterContext Context() =>
        new(AgencyDirectory.LoadDemo(), new SimulatedClock(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero)));

    public static InboundResult Read(byte[] body) => Adapter.Read(body, "application/json", Context());

    public static InboundResult Read(JsonNode json) => Read(Encoding.UTF8.GetBytes(json.ToJsonString()));

    public static string GoldenPath(string name) => RepoFiles.Path("tests", "IntegrationHub.Tests", "Adapters", "Veiligheidshuis", "Golden", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(GoldenPath(name));

    public static JsonObject Json(string name) => JsonNode.Parse(Bytes(name))!.AsObject();

    static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void MatchesJson(string name, string actualJson)
    {
        var actual = JsonNode.Parse(actualJson)!;
        if (Updating)
            File.WriteAllText(GoldenPath(name), actual.ToJsonString(Indented) + "\n");
        var expected = JsonNode.Parse(File.ReadAllText(GoldenPath(name)))!;
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"{name} should equal the adapter's output:\n{actual.ToJsonString(Indented)}");
    }

    static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
