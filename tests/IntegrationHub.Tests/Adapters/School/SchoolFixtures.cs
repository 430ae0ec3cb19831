using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using IntegrationHub.Adapters.School;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Adapters.School;

/// <summary>
/// Golden files of the school adapter. Run with UPDATE_GOLDEN=1 to rewrite them from the adapter's
/// output; review the diff before committing, since a golden file is the documented format.
/// </summary>
static class SchoolFixtures
{
    public static readonly SchoolCsvAdapter Adapter = new();

    /// <summary>Two months after the ZAT referral (BRIEF §9): every date in the goldens lies before it.</summary>
    public static AdapterContext Context(int maxBodyBytes = 4 * 1024 * 1024) =>
        new(AgencyDirectory.LoadDemo(), new SimulatedClock(new DateTimeOffset(2027, 2, 1, 9, 0, 0, TimeSpan.Zero))) { MaxBodyBytes = maxBodyBytes };

    public static InboundResult Read(byte[] body) => Adapter.Read(body, "text/csv", Context());

    public static InboundResult Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    public static string GoldenPath(string name) => RepoFiles.Path("tests", "IntegrationHub.Tests", "Adapters", "School", "Golden", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(GoldenPath(name));

    /// <summary>A golden CSV as text (UTF-8 ones only).</summary>
    public static string Text(string name) => Encoding.UTF8.GetString(Bytes(name));

    public static Encoding Windows1252
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252);
        }
    }

    static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void MatchesJson(string name, string actualJson)
    {
        var actual = JsonNode.Parse(actualJson)!;
        if (Updating)
            File.WriteAllText(GoldenPath(name), actual.ToJsonString(Indented) + "\n");
        var expected = JsonNode.Parse(File.ReadAllText(GoldenPath(name)))!;
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"{name} should equal the adapter's output:\n{actual.ToJsonString(Indented)}");
    }

    public static void MatchesBytes(string name, byte[] actual)
    {
        if (Updating)
            File.WriteAllBytes(GoldenPath(name), actual);
        Encoding.UTF8.GetString(actual).Should().Be(Encoding.UTF8.GetString(Bytes(name)), $"{name} is the documented import format");
        actual.Should().Equal(Bytes(name));
    }

    static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
