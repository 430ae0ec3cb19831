using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters.Jgz.Outbound;
using IntegrationHub.Contracts.Validation;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>A refusal as FHIR says it: an OperationOutcome whose issues point at the elements by FHIRPath.</summary>
public class RefusalOutcomeTests
{
    static JsonNode Render(IReadOnlyList<ValidationProblem> problems, bool malformed)
    {
        var document = RefusalOutcome.Render(problems, malformed);
        document.ContentType.Should().Be("application/fhir+json");
        FhirConformance.Violations(document.Body).Should().BeEmpty();
        return JsonNode.Parse(document.Body)!;
    }

    [Fact]
    public void Each_problem_is_an_issue_with_its_fhirpath_as_expression()
    {
        var outcome = Render(
        [
            new("Bundle.entry[8].resource.provision.type", "denies sharing"),
            new("Bundle.entry[1].resource.modifierExtension[0]", "is a modifier extension the hub does not understand"),
            new("resourceType", "is required"),
        ], malformed: false);

        outcome["resourceType"]!.GetValue<string>().Should().Be("OperationOutcome");
        var issues = outcome["issue"]!.AsArray();
        issues.Select(i => i!["severity"]!.GetValue<string>()).Should().OnlyContain(s => s == "error");
        issues.Select(i => i!["code"]!.GetValue<string>()).Should().Equal("invalid", "not-supported", "invalid");
        issues[0]!["expression"]![0]!.GetValue<string>().Should().Be("Bundle.entry[8].resource.provision.type");
        issues[0]!["details"]!["text"]!.GetValue<string>().Should().Be("denies sharing");
        issues[2]!.AsObject().ContainsKey("expression").Should().BeFalse("resourceType is no FHIRPath into the resource");
        issues[2]!["details"]!["text"]!.GetValue<string>().Should().Be("resourceType: is required");
    }

    [Fact]
    public void An_unreadable_body_is_a_structure_issue_without_expression()
    {
        var issue = Render([new("/", "is not valid JSON (line 1, position 7)")], malformed: true)["issue"]![0]!;

        issue["code"]!.GetValue<string>().Should().Be("structure");
        issue.AsObject().ContainsKey("expression").Should().BeFalse();
        issue["details"]!["text"]!.GetValue<string>().Should().Be("is not valid JSON (line 1, position 7)");
    }
}

/// <summary>POST /api/adapters/jgz/messages over real HTTP: the caller's Accept chooses OperationOutcome or problem+json.</summary>
public class RefusalOutcomeHttpTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    static byte[] Deny() => File.ReadAllBytes(RepoFiles.Path("tests", "IntegrationHub.Tests", "Adapters", "Jgz", "Corpus", "handover-consent-deny.bundle.json"));

    Task<HttpResponseMessage> PostAsync(byte[] body, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/adapters/jgz/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/fhir+json");
        if (accept is not null)
            request.Headers.Accept.ParseAdd(accept);
        return _hub.As("jgz-tilburg").SendAsync(request);
    }

    [Fact]
    public async Task A_fhir_client_gets_an_operation_outcome_naming_the_element()
    {
        var response = await PostAsync(Deny(), "application/fhir+json");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var body = await response.Content.ReadAsStringAsync();
        FhirConformance.Violations(body).Should().BeEmpty();
        var issue = JsonNode.Parse(body)!["issue"]!.AsArray().Should().ContainSingle().Subject!;
        issue["severity"]!.GetValue<string>().Should().Be("error");
        issue["code"]!.GetValue<string>().Should().Be("invalid");
        issue["expression"]![0]!.GetValue<string>().Should().Be("Bundle.entry[8].resource.provision.type");
    }

    [Fact]
    public async Task Unreadable_bytes_are_a_400_operation_outcome()
    {
        var response = await PostAsync(Encoding.UTF8.GetBytes("""{ "resourceType": "Bundle", """), "application/fhir+json, application/problem+json;q=0.5");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["issue"]![0]!["code"]!.GetValue<string>().Should().Be("structure");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("application/problem+json")]
    public async Task Any_other_caller_gets_problem_json(string? accept)
    {
        var response = await PostAsync(Deny(), accept);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.ReadJsonAsync())["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>())
            .Should().Equal("Bundle.entry[8].resource.provision.type");
    }
}
