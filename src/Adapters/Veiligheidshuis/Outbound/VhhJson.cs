using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Json;

namespace IntegrationHub.Adapters.Veiligheidshuis.Outbound;

/// <summary>Builds the case-meeting system's JSON: absent values are left out rather than written as null.</summary>
static class VhhJson
{
    public const string ContentType = "application/json";

    static readonly JsonSerializerOptions Options = new(HubJson.Options) { WriteIndented = true };

    public static OutboundDocument Write(JsonObject json) =>
        new(ContentType, JsonSerializer.SerializeToUtf8Bytes(json, Options));

    /// <summary>An object of the given fields, skipping nulls and empty objects/arrays; null when nothing is left.</summary>
    public static JsonObject? Object(params (string Name, JsonNode? Value)[] fields)
    {
        var o = new JsonObject();
        foreach (var (name, value) in fields)
        {
            if (value is null || value is JsonObject { Count: 0 } || value is JsonArray { Count: 0 })
                continue;
            o[name] = value;
        }
        return o.Count == 0 ? null : o;
    }

    public static JsonArray? Array<T>(IEnumerable<T>? items, Func<T, JsonNode?> map)
    {
        var array = new JsonArray();
        foreach (var item in items ?? [])
            if (map(item) is { } node)
                array.Add(node);
        return array.Count == 0 ? null : array;
    }

    public static JsonNode? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static JsonNode? Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static JsonNode? Text(string? value) => value;
}
