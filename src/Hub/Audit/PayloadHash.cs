using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Hub.Audit;

/// <summary>
/// SHA-256 over a canonical form of a JSON payload (object keys sorted, no insignificant white space),
/// so the same content hashes the same however an agency formatted it.
/// </summary>
public static class PayloadHash
{
    public static string OfJson(string json)
    {
        try
        {
            return OfBytes(Encoding.UTF8.GetBytes(Canonical(JsonNode.Parse(json))));
        }
        catch (JsonException)
        {
            return OfBytes(Encoding.UTF8.GetBytes(json));
        }
    }

    public static string OfJson(JsonElement element) => OfJson(element.GetRawText());

    public static string OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
