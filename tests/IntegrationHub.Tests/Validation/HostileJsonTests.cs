using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Hub.Clock;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Validation;

/// <summary>
/// Issue 10 §1 "Hostile JSON": whatever a body holds, the canonical validation answers with problems by
/// path and never throws (an exception used to be an empty 500 over HTTP and an endless requeue on AMQP).
/// </summary>
public class HostileJsonTests
{
    static readonly SimulatedClock Clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    static readonly HandoverValidator Handovers = new(AgencyDirectory.LoadDemo(), Clock);
    static readonly FeedbackValidator Feedback = new(AgencyDirectory.LoadDemo(), Clock);

    static string Example() => RepoFiles.Read("docs", "examples", "handover-kevin-school-to-bjz.json");

    static string Edited(Action<JsonObject> edit)
    {
        var doc = JsonNode.Parse(Example())!.AsObject();
        edit(doc);
        return doc.ToJsonString();
    }

    /// <summary>Each case: a body and the path its first problem must name.</summary>
    public static TheoryData<string, string, string> Handovers_that_used_to_throw() => new()
    {
        { "duplicate key", Example().Replace("\"urgency\": \"regular\"", "\"urgency\": \"regular\", \"urgency\": \"crisis\""), "/urgency" },
        { "duplicate nested key", Example().Replace("\"givenName\": \"Kevin\"", "\"givenName\": \"Kevin\", \"givenName\": \"Henk\""), "/subject/givenName" },
        { "lone high surrogate", Example().Replace("\"Kevin\"", "\"Ke\\uD800vin\""), "/subject/givenName" },
        { "lone low surrogate", Example().Replace("\"Tilburg\"", "\"Til\\uDC00burg\""), "/subject/address/city" },
        { "numeric schemaVersion", Edited(d => d["schemaVersion"] = 1.0), "/schemaVersion" },
        { "null schemaVersion", Edited(d => d["schemaVersion"] = null), "/schemaVersion" },
        { "boolean schemaVersion", Edited(d => d["schemaVersion"] = true), "/schemaVersion" },
        { "number for a string", Edited(d => d["subject"]!["givenName"] = 42), "/subject/givenName" },
        { "array for an object", Edited(d => d["sender"] = new JsonArray(1, 2)), "/sender" },
        { "object for a string", Edited(d => d["summary"] = new JsonObject { ["x"] = 1 }), "/summary" },
        { "string for a boolean", Edited(d => d["family"]!["guardians"]![0]!["hasAuthority"] = "yes"), "/family/guardians/0/hasAuthority" },
        { "huge integer", Edited(d => d["attachments"] = JsonNode.Parse("""[{"title":"t","contentType":"a/b","uri":"https://x.example/a","sizeBytes":100000000000000000000000000000,"sha256":"%"}]""".Replace("%", new string('a', 64)))), "/attachments/0/sizeBytes" },
        { "huge fraction", Example().Replace("\"urgency\": \"regular\"", "\"urgency\": \"regular\", \"x\": 1e400"), "/x" },
        { "deep nesting", Example().Replace("\"summary\"", "\"x\": " + new string('[', 40) + new string(']', 40) + ", \"summary\""), "/" },
        { "not JSON at all", "{'schemaVersion': '1.0'}", "/" },
        { "a JSON string", "\"handover\"", "/" },
        { "a member name with a lone surrogate", Example().Replace("\"urgency\"", "\"urg\\uD800ency\": 1, \"urgency\""), "/" },
    };

    [Theory]
    [MemberData(nameof(Handovers_that_used_to_throw))]
    public void A_hostile_handover_is_problems_by_path_never_an_exception(string @case, string json, string path)
    {
        var outcome = Handovers.Validate(json);

        outcome.IsValid.Should().BeFalse(@case);
        outcome.Report.Problems.Should().Contain(p => p.Path == path, @case);
        outcome.Report.Problems.Should().OnlyContain(p => !p.Reason.Contains("Kevin") && !p.Reason.Contains("Henk"), "reasons never quote the value");
    }

    [Theory]
    [InlineData("{\"schemaVersion\": 1, \"messageId\": \"0b4e8c1d-5f2a-4d3b-8e6f-1a2b3c4d5e6f\", \"kind\": \"receipt\", \"by\": {\"agencyId\": \"bjz-noord-brabant\"}}", "/schemaVersion")]
    [InlineData("{\"schemaVersion\": \"1.0\", \"messageId\": \"0b4e8c1d-5f2a-4d3b-8e6f-1a2b3c4d5e6f\", \"kind\": \"receipt\", \"kind\": \"rejection\", \"by\": {\"agencyId\": \"bjz-noord-brabant\"}}", "/kind")]
    [InlineData("{\"schemaVersion\": \"1.0\", \"messageId\": \"0b4e8c1d-5f2a-4d3b-8e6f-1a2b3c4d5e6f\", \"kind\": \"receipt\", \"by\": \"bjz-noord-brabant\"}", "/by")]
    [InlineData("{\"schemaVersion\": \"1.0\", \"messageId\": \"0b4e8c1d-5f2a-4d3b-8e6f-1a2b3c4d5e6f\", \"kind\": \"care-started\", \"plannedEndDate\": 20270101, \"by\": {\"agencyId\": \"bjz-noord-brabant\"}}", "/plannedEndDate")]
    [InlineData("{\"schemaVersion\": \"1.0\", \"messageId\": \"0b4e8c1d-5f2a-4d3b-8e6f-1a2b3c4d5e6f\", \"kind\": \"receipt\", \"note\": \"a\\udfffb\", \"by\": {\"agencyId\": \"bjz-noord-brabant\"}}", "/note")]
    public void Hostile_feedback_is_problems_by_path(string json, string path)
    {
        var outcome = Feedback.Validate(json);
        outcome.IsValid.Should().BeFalse();
        outcome.Report.Problems.Should().Contain(p => p.Path == path);
    }

    [Fact]
    public void The_readability_check_names_every_duplicate_and_the_parser_refusal_without_quoting()
    {
        JsonReadability.Check("{\"a\": 1, \"a\": 2, \"b\": {\"c\": 1, \"c\": 1}}").Select(p => p.Path).Should().Equal("/a", "/b/c");
        var notJson = JsonReadability.Check("{\"givenName\": Kevin}").Should().ContainSingle().Subject;
        notJson.Path.Should().Be("/");
        notJson.Reason.Should().Contain("line 1").And.NotContain("Kevin").And.NotContain("'K'");
    }

    [Theory]
    [InlineData("$.schemaVersion", "/schemaVersion")]
    [InlineData("$.attachments[0].uri", "/attachments/0/uri")]
    [InlineData("$['odd.name'].x", "/odd.name/x")]
    [InlineData("$", "/")]
    [InlineData(null, "/")]
    public void Serializer_paths_become_json_pointers(string? path, string pointer) => JsonPointer.FromJsonPath(path).Should().Be(pointer);
}
