using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Operator;

/// <summary>A test hub on a simulated clock with known access keys, and helpers to call the operator API.</summary>
public static class OperatorHub
{
    public const string OperatorKey = TestCredentials.Operator;
    public const string AuditorKey = TestCredentials.Auditor;
    public const string AgencyKey = "bjz-noord-brabant-test-key";

    /// <summary>Monday 1 March 2027, 09:00 in Amsterdam: a plain working week with no public holiday, after the example's consent date.</summary>
    public static readonly DateTimeOffset Monday = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static Task<TestHub> StartAsync(DateTimeOffset? start = null)
    {
        return TestHub.StartAsync(TestHub.Simulated(start ?? Monday));
    }

    public static HttpRequestMessage Get(string path, string? key = OperatorKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    public static async Task<JsonObject> GetJsonAsync(this TestHub hub, string path)
    {
        var response = await hub.Http.SendAsync(Get(path));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task AdvanceAsync(this TestHub hub, string duration) =>
        (await hub.Operator.PostAsJsonAsync("/api/admin/clock", new { advance = duration })).EnsureSuccessStatusCode();

    public static async Task GiveAsync(this TestHub hub, Guid handoverId, string kind, string by, string expectedState)
    {
        var response = await hub.FeedbackAsync(handoverId, Messages.Feedback(kind, by, reason: kind == "withdrawal" ? "Family moved away" : null));
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"{kind} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await hub.WaitForStateAsync(handoverId, expectedState);
    }

    public static IEnumerable<string> Ids(this JsonObject page) =>
        page["items"]!.AsArray().Select(i => i!["handoverId"]!.GetValue<string>());
}
