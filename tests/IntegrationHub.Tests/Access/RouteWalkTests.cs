using System.Net;
using System.Text;
using IntegrationHub.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Access;

/// <summary>
/// Walks every route the app maps (API.md v2, "Identity"): each says who may call it, answers 401 without a
/// credential, and 403 or 404 to a caller that is not the one it is for. A new route without a policy, or
/// without a row in <see cref="Strangers"/>, fails here until someone decides who may call it.
/// </summary>
public class RouteWalkTests : IAsyncLifetime
{
    TestHub _hub = null!;
    Guid _schoolToBjz;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));
        _schoolToBjz = await _hub.SubmitAsync(Messages.Handover());
        // The school's handover signalled Kevin (demo covenants): his family exists, and the CJG is no party to it.
        await using var connection = await _hub.Get<IntegrationHub.Hub.Persistence.HubDatabase>().OpenAsync();
        _family = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT family_id FROM families") ?? Guid.NewGuid().ToString();
    }

    string _family = "";

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    /// <summary>Routes anyone may call, and why.</summary>
    static readonly Dictionary<string, string> Public = new()
    {
        ["GET /health"] = "API.md: GET /health is for anyone",
        ["GET /dashboard/{file?}"] = "the dashboard's page and script hold no data; everything on it comes from /api/operator with a key",
        ["GET /dashboard/handovers/{id:guid}"] = "one handover's dashboard page, linked from notices: the page holds no data; the handover comes from /api/operator with a key",
        ["GET /openapi/{documentName}.json"] = "the API description: the published contract, no data and no key; a supplier reads it before it has a key (Hub:OpenApi:Public)",
        ["GET /reference/*"] = "the interactive API reference (Scalar): its page, script and styles, over the public API description",
        ["GET /schemas/{file}"] = "the contract's JSON schemas, published with API.md",
    };

    /// <summary>A row of <see cref="Public"/> ending in "/*" stands for every route under it.</summary>
    static bool IsPublic(string route) =>
        Public.ContainsKey(route) || Public.Keys.Any(k => k.EndsWith("/*", StringComparison.Ordinal) && route.StartsWith(k[..^1], StringComparison.Ordinal));

    /// <summary>For each protected route: callers it is not for, and what each must get.</summary>
    IEnumerable<(string Caller, Func<HttpRequestMessage> Request, HttpStatusCode Expected)> Strangers(string route)
    {
        switch (route)
        {
            case "POST /api/handovers":
                yield return ("jgz-tilburg as the school", () => Json(HttpMethod.Post, "/api/handovers", Messages.Handover()), HttpStatusCode.Forbidden);
                yield return ("an operator", () => Json(HttpMethod.Post, "/api/handovers", Messages.Handover()), HttpStatusCode.Forbidden);
                break;
            case "GET /api/handovers/{id:guid}":
                yield return ("cjg-tilburg, no party", () => new HttpRequestMessage(HttpMethod.Get, $"/api/handovers/{_schoolToBjz}"), HttpStatusCode.NotFound);
                break;
            case "POST /api/handovers/{id:guid}/feedback":
                yield return ("cjg-tilburg, no party", () => Json(HttpMethod.Post, $"/api/handovers/{_schoolToBjz}/feedback", Messages.Feedback("receipt", "cjg-tilburg")), HttpStatusCode.NotFound);
                yield return ("the school as the receiver", () => Json(HttpMethod.Post, $"/api/handovers/{_schoolToBjz}/feedback", Messages.Feedback("receipt", "bjz-noord-brabant")), HttpStatusCode.Forbidden);
                yield return ("an operator", () => Json(HttpMethod.Post, $"/api/handovers/{_schoolToBjz}/feedback", Messages.Feedback("receipt", "bjz-noord-brabant")), HttpStatusCode.Forbidden);
                break;
            case "GET /api/agencies/{id}/mail":
                yield return ("the school reading BJZ's", () => new HttpRequestMessage(HttpMethod.Get, "/api/agencies/bjz-noord-brabant/mail"), HttpStatusCode.Forbidden);
                yield return ("an operator", () => new HttpRequestMessage(HttpMethod.Get, "/api/agencies/bjz-noord-brabant/mail"), HttpStatusCode.Forbidden);
                break;
            case "GET /api/agencies/{id}/retours":
                yield return ("the school reading BJZ's", () => new HttpRequestMessage(HttpMethod.Get, "/api/agencies/bjz-noord-brabant/retours?messageId=x"), HttpStatusCode.Forbidden);
                yield return ("an operator", () => new HttpRequestMessage(HttpMethod.Get, "/api/agencies/bjz-noord-brabant/retours?messageId=x"), HttpStatusCode.Forbidden);
                break;
            case "POST /api/adapters/{name}/messages":
                yield return ("the school on the BJZ adapter", () => Bytes("/api/adapters/bjz/messages", AgencySamples.BjzHandoverToCjg(), "application/xml"), HttpStatusCode.Forbidden);
                yield return ("VMBO Noord as SBO De Regenboog", () => Bytes("/api/adapters/school/messages", AgencySamples.SchoolKevinZat(), "text/csv"), HttpStatusCode.Forbidden);
                yield return ("an operator", () => Bytes("/api/adapters/school/messages", AgencySamples.SchoolKevinZat(), "text/csv"), HttpStatusCode.Forbidden);
                break;
            case "POST /api/escalations":
                yield return ("cjg-tilburg, no party", () => Json(HttpMethod.Post, "/api/escalations", new System.Text.Json.Nodes.JsonObject
                {
                    ["handoverId"] = _schoolToBjz.ToString(), ["messageId"] = Guid.NewGuid().ToString(), ["reason"] = "no-contact", ["level"] = 1,
                }), HttpStatusCode.NotFound);
                yield return ("an auditor", () => Request(route), HttpStatusCode.Forbidden);
                break;
            case var r when r.Contains("/escalations/{escalationId:guid}/"):
                yield return ("cjg-tilburg, no party", () => Request(r), HttpStatusCode.NotFound);
                yield return ("an auditor", () => Request(r), HttpStatusCode.Forbidden);
                break;
            case "POST /api/signals":
                yield return ("jgz-tilburg as the school", () => Json(HttpMethod.Post, "/api/signals", Chain.ChainKit.Signal("school-de-regenboog", Chain.ChainKit.Kevin)), HttpStatusCode.Forbidden);
                yield return ("an operator", () => Json(HttpMethod.Post, "/api/signals", Chain.ChainKit.Signal("school-de-regenboog", Chain.ChainKit.Kevin)), HttpStatusCode.Forbidden);
                break;
            case "GET /api/signals/matches":
                yield return ("an operator", () => Request(route), HttpStatusCode.Forbidden);
                yield return ("an auditor", () => Request(route), HttpStatusCode.Forbidden);
                break;
            case var r when r.StartsWith("DELETE /api/signals/") || r.Contains("/api/signals/matches/"):
                yield return ("cjg-tilburg, no party", () => Request(r), HttpStatusCode.NotFound);
                yield return ("an operator", () => Request(r), HttpStatusCode.Forbidden);
                break;
            case "POST /api/families/{familyId:guid}/stagnation":
                yield return ("cjg-tilburg, no party", () => Json(HttpMethod.Post, $"/api/families/{_family}/stagnation", new System.Text.Json.Nodes.JsonObject { ["reason"] = "no-contact" }), HttpStatusCode.NotFound);
                yield return ("an auditor", () => Request(route), HttpStatusCode.Forbidden);
                break;
            case var r when r.Contains("/api/families/"):
                yield return ("cjg-tilburg, no party", () => Request(r), HttpStatusCode.NotFound);
                yield return ("an operator", () => Request(r), HttpStatusCode.Forbidden);
                break;
            case var r when r.Contains("/api/operator"):
                yield return ("an agency", () => Request(r), HttpStatusCode.Forbidden);
                yield return ("an auditor", () => Request(r), HttpStatusCode.Forbidden);
                break;
            case var r when r.Contains("/api/audit"):
                yield return ("an agency", () => Request(r), HttpStatusCode.Forbidden);
                yield return ("an operator", () => Request(r), HttpStatusCode.Forbidden);
                break;
            case "GET /metrics":
                yield return ("an agency", () => Request(route), HttpStatusCode.Forbidden);
                yield return ("an auditor", () => Request(route), HttpStatusCode.Forbidden);
                break;
            case var r when r.Contains("/api/admin/clock"):
                yield return ("an agency", () => Request(r), HttpStatusCode.Forbidden);
                yield return ("an auditor", () => Request(r), HttpStatusCode.Forbidden);
                break;
            default:
                throw new InvalidOperationException($"{route} has no row in RouteWalkTests.Strangers: say who it is not for");
        }
    }

    static string KeyFor(string caller) => caller switch
    {
        "an operator" => TestCredentials.Operator,
        "an auditor" => TestCredentials.Auditor,
        "an agency" or "cjg-tilburg, no party" => TestCredentials.Agency("cjg-tilburg"),
        "jgz-tilburg as the school" => TestCredentials.Agency("jgz-tilburg"),
        "the school as the receiver" or "the school reading BJZ's" or "the school on the BJZ adapter" => TestCredentials.Agency("school-de-regenboog"),
        "VMBO Noord as SBO De Regenboog" => TestCredentials.Agency("school-vmbo-noord"),
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };

    IReadOnlyList<(string Route, RouteEndpoint Endpoint)> Routes() =>
        _hub.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => ($"{m} /{e.RoutePattern.RawText!.Trim('/')}", e)))
            .ToList();

    [Fact]
    public void Every_route_says_who_may_call_it()
    {
        var routes = Routes();
        routes.Should().HaveCountGreaterThan(15, "the walk must see the app's routes");
        foreach (var (route, endpoint) in routes)
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null);
            if (anonymous)
                IsPublic(route).Should().BeTrue($"{route} is open to anyone; say why in RouteWalkTests.Public or give it a policy");
            else
                policy.Should().NotBeNull($"{route} names no policy (AccessPolicies)");
        }
    }

    [Fact]
    public async Task Every_protected_route_answers_401_without_a_credential_and_refuses_strangers()
    {
        var failures = new List<string>();
        foreach (var (route, endpoint) in Routes().Where(r => !IsPublic(r.Route)))
        {
            var anonymous = await _hub.Http.SendAsync(Request(route));
            if (anonymous.StatusCode != HttpStatusCode.Unauthorized)
                failures.Add($"{route} without a credential: {(int)anonymous.StatusCode}, expected 401");
            else if (anonymous.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{route} without a credential: 401 without problem+json");

            foreach (var (caller, request, expected) in Strangers(route))
            {
                var response = await _hub.Client(KeyFor(caller)).SendAsync(request());
                if (response.StatusCode != expected)
                    failures.Add($"{route} by {caller}: {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        failures.Should().BeEmpty();
    }

    /// <summary>A request for a route with its parameters filled in (a body where the call takes one).</summary>
    HttpRequestMessage Request(string route)
    {
        var method = new HttpMethod(route[..route.IndexOf(' ')]);
        var path = route[(route.IndexOf(' ') + 1)..]
            .Replace("{id:guid}", _schoolToBjz.ToString()).Replace("{escalationId:guid}", Guid.NewGuid().ToString()).Replace("{id:long}", "1")
            .Replace("{familyId:guid}", _family).Replace("{signalId:guid}", Guid.NewGuid().ToString()).Replace("{matchId:guid}", Guid.NewGuid().ToString())
            .Replace("{actionId:guid}", Guid.NewGuid().ToString()).Replace("{id}", "bjz-noord-brabant").Replace("{name}", "school").Replace("{file?}", "");
        var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Post && path.Contains("/stagnation"))
            request.Content = new StringContent("""{"reason":"no-contact"}""", Encoding.UTF8, "application/json");
        else if (method == HttpMethod.Post)
            request.Content = new StringContent(path.Contains("clock") ? """{"advance":"PT1H"}""" : "{}", Encoding.UTF8, "application/json");
        return request;
    }

    static HttpRequestMessage Json(HttpMethod method, string path, System.Text.Json.Nodes.JsonNode body) =>
        new(method, path) { Content = Messages.Json(body) };

    static HttpRequestMessage Bytes(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }
}
