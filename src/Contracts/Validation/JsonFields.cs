using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Contracts.Validation;

/// <summary>
/// Tolerant reads from a message that may be invalid, so domain checks can still run (and report)
/// next to schema violations.
/// </summary>
static class JsonFields
{
    public static JsonElement? At(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out var next))
                current = next;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, out var i) && i < current.GetArrayLength())
                current = current[i];
            else
                return null;
        }
        return current;
    }

    public static string? String(JsonElement root, string pointer) =>
        At(root, pointer) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public static DateOnly? Date(JsonElement root, string pointer) =>
        DateOnly.TryParseExact(String(root, pointer), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static int Count(JsonElement root, string pointer) =>
        At(root, pointer) is { ValueKind: JsonValueKind.Array } e ? e.GetArrayLength() : 0;

    public static IEnumerable<string> Strings(JsonElement root, string pointer) =>
        At(root, pointer) is { ValueKind: JsonValueKind.Array } e
            ? e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)
            : [];
}
