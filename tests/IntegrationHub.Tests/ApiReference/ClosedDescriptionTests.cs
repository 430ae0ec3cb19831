using System.Net;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.ApiReference;

/// <summary>A hub that keeps its API description to known callers (Hub:OpenApi:Public=false): a stranger gets 401, any key reads it.</summary>
public class ClosedDescriptionTests
{
    [Fact]
    public async Task With_Hub_OpenApi_Public_false_the_document_the_reference_and_the_schemas_need_a_credential()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Hub:OpenApi:Public"] = "false" });
        foreach (var path in new[] { "/openapi/v1.json", "/reference/v1", "/schemas/handover.schema.json" })
        {
            (await hub.Http.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, path);
            (await hub.As("jgz-tilburg").GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
            (await hub.Auditor.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK, path);
        }
    }

    [Fact]
    public async Task By_default_the_reference_page_is_served_with_its_script()
    {
        await using var hub = await TestHub.StartAsync();
        var page = await hub.Http.GetStringAsync("/reference/v1");
        page.Should().Contain("IntegrationHub API").And.Contain("scalar.js");
        (await hub.Http.GetAsync("/reference/scalar.js")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
