using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Tests.Support;

/// <summary>Handovers and feedback for tests, built from the published examples with fresh ids.</summary>
public static class Messages
{
    public static JsonObject Handover(string sender = "school-de-regenboog", string receiver = "bjz-noord-brabant", string urgency = "regular")
    {
        var doc = JsonNode.Parse(RepoFiles.Read("docs", "examples", "handover-kevin-school-to-bjz.json"))!.AsObject();
        doc["messageId"] = Guid.NewGuid().ToString();
        doc["sender"]!["agencyId"] = sender;
        doc["receiver"]!["agencyId"] = receiver;
        doc["urgency"] = urgency;
        return doc;
    }

    public static JsonObject Feedback(string kind, string by, string? reason = null, string? at = null)
    {
        var doc = new JsonObject
        {
            ["schemaVersion"] = "1.0",
            ["messageId"] = Guid.NewGuid().ToString(),
            ["kind"] = kind,
            ["by"] = new JsonObject { ["agencyId"] = by },
        };
        if (reason is not null)
            doc["reason"] = reason;
        if (at is not null)
            doc["at"] = at;
        return doc;
    }

    public static StringContent Json(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task<Guid> SubmitAsync(this HttpClient http, JsonObject handover)
    {
        var response = await http.PostAsync("/api/handovers", Json(handover));
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"submit answered {(int)response.StatusCode}: {body}");
        return Guid.Parse(JsonNode.Parse(body)!["handoverId"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> FeedbackAsync(this HttpClient http, Guid handoverId, JsonObject feedback) =>
        http.PostAsync($"/api/handovers/{handoverId}/feedback", Json(feedback));

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;
}

