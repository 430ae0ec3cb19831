using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;

namespace IntegrationHub.Tests.ApiReference;

/// <summary>
/// The hub's OpenAPI document (GET /openapi/v1.json) against the public contract and against the hub itself:
/// every call of API.md with every status code its row names; every route the hub maps (walked, so routes
/// added later are held to it too) with who may call it and its refusals as problem+json; the example bodies
/// in docs/ valid against the schemas it references; real answers valid against the shapes it declares.
/// </summary>
public class OpenApiDocumentTests : IAsyncLifetime
{
    TestHub _hub = null!;
    JsonObject _document = null!;

    /// <summary>
    /// Calls of API.md this hub does not serve yet, and why. Allowed to be missing, never exempt: once served they
    /// are checked like the rest (so merging the feature that serves them needs no change here).
    /// </summary>
    static readonly Dictionary<string, string> NotYetServed = new()
    {
    };

    /// <summary>Routes left out of the document on purpose: pages and files for people, and the Prometheus scrape (docs/operators.md), not API calls.</summary>
    static readonly string[] UndescribedPrefixes = ["/dashboard", "/openapi", "/reference", "/schemas", "/metrics"];

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync();
        var response = await _hub.Http.GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the document is public: it describes the contract and holds no data");
        _document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    JsonObject? Operation(string method, string template)
    {
        foreach (var (path, item) in _document["paths"]!.AsObject())
            if (ApiMd.Template(path) == template && item![method.ToLowerInvariant()] is JsonObject operation)
                return operation;
        return null;
    }

    [Fact]
    public void The_contract_parser_reads_every_table_of_API_md()
    {
        var calls = ApiMd.Calls();
        calls.Should().Contain(c => c.Method == "POST" && c.Path == "/api/handovers" && c.Statuses.SetEquals(new[] { 202, 400 })
            && c.AnyOf.Any(a => a.SetEquals(new[] { 200, 202 })));
        calls.Should().Contain(c => c.Method == "POST" && c.Path == "/api/adapters/{}/messages"
            && c.Statuses.SetEquals(new[] { 400, 413, 415, 422, 403 }) && c.AnyOf.Any(a => a.SetEquals(new[] { 200, 202 })));
        calls.Should().Contain(c => c.Method == "GET" && c.Path == "/api/agencies/{}/mail" && c.Statuses.SetEquals(new[] { 200, 401, 403 }));
        calls.Should().Contain(c => c.Method == "GET" && c.Path == "/health" && c.Statuses.SetEquals(new[] { 200, 503 }));
        calls.Count.Should().BeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public void Every_call_in_API_md_is_in_the_document_with_its_status_codes()
    {
        var failures = new List<string>();
        foreach (var call in ApiMd.Calls())
        {
            var key = $"{call.Method} {call.Path}";
            if (Operation(call.Method, call.Path) is not { } operation)
            {
                if (!NotYetServed.ContainsKey(key))
                    failures.Add($"{call} is not in the document");
                continue;
            }
            var documented = operation["responses"]!.AsObject().Select(r => int.Parse(r.Key)).ToHashSet();
            var missing = call.Statuses.Except(documented).Order().ToList();
            if (missing.Count > 0)
                failures.Add($"{key} lacks {string.Join(", ", missing)} (documents {string.Join(", ", documented.Order())})");
            foreach (var group in call.AnyOf.Where(g => !g.Overlaps(documented)))
                failures.Add($"{key} documents none of {string.Join(", ", group.Order())}");
        }
        failures.Should().BeEmpty();
    }

    [Fact]
    public void Every_route_the_hub_maps_is_described_with_who_may_call_it_and_its_refusals_as_problem_json()
    {
        var endpoints = _hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        endpoints.Should().HaveCountGreaterThan(20);
        var failures = new List<string>();
        var operationIds = new HashSet<string>();
        foreach (var endpoint in endpoints)
        {
            var route = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var excluded = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true;
            if (UndescribedPrefixes.Any(p => route.StartsWith(p, StringComparison.Ordinal)))
                continue;
            if (excluded)
            {
                failures.Add($"{route} is left out of the document; describe it, or add its prefix to UndescribedPrefixes with a reason");
                continue;
            }
            foreach (var method in methods)
            {
                var operation = Operation(method, ApiMd.Template(route));
                if (operation is null)
                {
                    failures.Add($"{method} {route} is not in the document");
                    continue;
                }
                if (!operationIds.Add(operation["operationId"]?.GetValue<string>() ?? ""))
                    failures.Add($"{method} {route}: operationId missing or not unique");
                var responses = operation["responses"]!.AsObject();
                if (!responses.Any(r => r.Key.StartsWith('2')))
                    failures.Add($"{method} {route}: no success answer documented");
                if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
                {
                    var schemes = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToHashSet() ?? [];
                    if (!schemes.IsSupersetOf(["bearerKey", "apiKey"]))
                        failures.Add($"{method} {route}: security does not name the key schemes (has {string.Join(", ", schemes)})");
                    foreach (var status in new[] { "401", "403" })
                        if (!responses.ContainsKey(status))
                            failures.Add($"{method} {route}: no {status}");
                }
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    var content = response!["content"]?.AsObject();
                    var declaredJson = content is not null && content.ContainsKey("application/json") && route == "/health";
                    if (!declaredJson && content?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>() != "#/components/schemas/Problem")
                        failures.Add($"{method} {route} {status}: not application/problem+json with the Problem schema");
                }
            }
        }
        failures.Should().BeEmpty();
    }

    [Fact]
    public void The_document_names_the_security_schemes_of_API_md()
    {
        var schemes = _document["components"]!["securitySchemes"]!.AsObject();
        schemes["bearerKey"]!["type"]!.GetValue<string>().Should().Be("http");
        schemes["bearerKey"]!["scheme"]!.GetValue<string>().Should().Be("bearer");
        schemes["apiKey"]!["type"]!.GetValue<string>().Should().Be("apiKey");
        schemes["apiKey"]!["name"]!.GetValue<string>().Should().Be("X-Api-Key");
        schemes["apiKey"]!["in"]!.GetValue<string>().Should().Be("header");
        schemes["mutualTLS"]!["type"]!.GetValue<string>().Should().Be("mutualTLS");
        Operation("GET", "/health")!["security"].Should().BeNull("GET /health is for anyone");
    }

    [Theory]
    [InlineData("POST", "/api/handovers", "handover.schema.json")]
    [InlineData("POST", "/api/handovers/{}/feedback", "feedback.schema.json")]
    [InlineData("POST", "/api/signals", "signal.schema.json")]
    public async Task Contract_bodies_are_referenced_not_copied_and_the_reference_resolves_to_what_intake_uses(string method, string path, string file)
    {
        var reference = Operation(method, path)!["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();
        reference.Count.Should().Be(1, "the schema is a reference and nothing else");
        var url = reference["$ref"]!.GetValue<string>();
        url.Should().EndWith("/schemas/" + file);
        var served = await _hub.Http.GetStringAsync(new Uri(url).PathAndQuery);
        served.Should().Be(RepoFiles.Read("src", "Contracts", "Schemas", file));
    }

    public static IEnumerable<object[]> ExampleBodies() =>
        Directory.GetFiles(RepoFiles.Path("docs", "examples"), "*.json").Order()
            .Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(ExampleBodies))]
    public async Task Every_example_body_in_docs_validates_against_the_document(string file)
    {
        if (file.StartsWith("zorgmelding", StringComparison.Ordinal))
        {
            // A Veiligheidshuis format body: no canonical schema describes it; the hub's own adapter must take it.
            var posted = await _hub.As("veiligheidshuis-tilburg").PostAsync("/api/adapters/veiligheidshuis/messages",
                new StringContent(RepoFiles.Read("docs", "examples", file), System.Text.Encoding.UTF8, "application/json"));
            posted.StatusCode.Should().Be(HttpStatusCode.Accepted, await posted.Content.ReadAsStringAsync());
            return;
        }
        var (method, path) = file.StartsWith("handover", StringComparison.Ordinal) ? ("POST", "/api/handovers")
            : file.StartsWith("feedback", StringComparison.Ordinal) ? ("POST", "/api/handovers/{}/feedback")
            : file.StartsWith("signal", StringComparison.Ordinal) ? ("POST", "/api/signals")
            : throw new InvalidOperationException($"docs/examples/{file}: name it handover-*, feedback-*, signal-* or zorgmelding-* so the test knows its call");
        var url = Operation(method, path)!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        var schema = await JsonSchema.FromJsonAsync(await _hub.Http.GetStringAsync(new Uri(url).PathAndQuery));
        schema.Validate(RepoFiles.Read("docs", "examples", file)).Select(e => e.ToString()).Should().BeEmpty();
    }

    [Fact]
    public async Task Real_answers_match_the_shapes_the_document_declares()
    {
        var handover = Messages.Handover();
        var submitted = await _hub.PostHandoverAsync(handover);
        await Matches("POST", "/api/handovers", submitted, 202);
        var id = Guid.Parse(JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["handoverId"]!.GetValue<string>());
        await Matches("POST", "/api/handovers", await _hub.PostHandoverAsync(handover), 200);
        await _hub.WaitForStateAsync(id, "delivered");
        await Matches("GET", "/api/handovers/{}", await _hub.As("bjz-noord-brabant").GetAsync($"/api/handovers/{id}"), 200);
        await Matches("GET", "/api/agencies/{}/mail", await _hub.As("bjz-noord-brabant").GetAsync("/api/agencies/bjz-noord-brabant/mail"), 200);
        await Matches("POST", "/api/handovers/{}/feedback", await _hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant")), 202);
        await Matches("GET", "/health", await _hub.Http.GetAsync("/health"), 200);
        var bad = Messages.Handover();
        bad["subject"]!["bsn"] = "123456789";
        await Matches("POST", "/api/handovers", await _hub.PostHandoverAsync(bad), 400);
        await Matches("GET", "/api/handovers/{}", await _hub.As("cjg-tilburg").GetAsync($"/api/handovers/{id}"), 404);
        await Matches("GET", "/api/handovers/{}", await _hub.Http.GetAsync($"/api/handovers/{id}"), 401);
    }

    async Task Matches(string method, string path, HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).Should().Be(status, await response.Content.ReadAsStringAsync());
        var declared = Operation(method, path)!["responses"]![status.ToString()]!["content"]!.AsObject();
        var mediaType = response.Content.Headers.ContentType!.MediaType!;
        declared.Should().ContainKey(mediaType, $"{method} {path} {status} answers {mediaType}");
        // The component schemas travel along as definitions, so their references resolve inside this one schema.
        var schemaJson = new JsonObject
        {
            ["$ref"] = declared[mediaType]!["schema"]!["$ref"]!.GetValue<string>(),
            ["definitions"] = _document["components"]!["schemas"]!.DeepClone(),
        };
        var schema = await JsonSchema.FromJsonAsync(schemaJson.ToJsonString().Replace("#/components/schemas/", "#/definitions/"));
        schema.Validate(await response.Content.ReadAsStringAsync()).Select(e => e.ToString()).Should().BeEmpty($"{method} {path} {status} answers as documented");
    }
}
