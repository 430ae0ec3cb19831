using System.Globalization;
using System.Text.Json;
using IntegrationHub.Contracts.Validation;

namespace IntegrationHub.Adapters.Veiligheidshuis.Inbound;

/// <summary>
/// Reads fields of the Veiligheidshuis JSON and records every problem with its JSON pointer in that
/// format. Unknown fields are ignored on purpose: the case-meeting system carries far more (police
/// registration numbers, minutes) than the hub may pass on.
/// </summary>
sealed class VhhFields
{
    public List<ValidationProblem> Problems { get; } = [];

    public void Problem(string path, string reason) => Problems.Add(new ValidationProblem(path, reason));

    public JsonElement? Get(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public string? String(JsonElement parent, string at, string name, bool required = false)
    {
        var path = $"{at}/{name}";
        switch (Get(parent, name))
        {
            case null:
                if (required)
                    Problem(path, "is required");
                return null;
            case { ValueKind: JsonValueKind.String } s when !string.IsNullOrWhiteSpace(s.GetString()):
                return s.GetString()!.Trim();
            case { ValueKind: JsonValueKind.String }:
                if (required)
                    Problem(path, "is required (it is empty)");
                return null;
            default:
                Problem(path, "must be a string");
                return null;
        }
    }

    public JsonElement? Object(JsonElement parent, string at, string name, bool required = false)
    {
        var value = Get(parent, name);
        if (value is null && required)
            Problem($"{at}/{name}", "is required");
        else if (value is { ValueKind: not JsonValueKind.Object })
        {
            Problem($"{at}/{name}", "must be an object");
            return null;
        }
        return value;
    }

    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement parent, string at, string name)
    {
        var value = Get(parent, name);
        if (value is null)
            return [];
        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            Problem($"{at}/{name}", "must be an array");
            return [];
        }
        return value.Value.EnumerateArray().Select((item, i) => (item, $"{at}/{name}/{i}")).ToList();
    }

    public DateOnly? Date(JsonElement parent, string at, string name, bool required = false)
    {
        var value = String(parent, at, name, required);
        if (value is null)
            return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        Problem($"{at}/{name}", "is not a date in the form yyyy-MM-dd");
        return null;
    }

    public DateTimeOffset? DateTime(JsonElement parent, string at, string name)
    {
        var value = Get(parent, name);
        if (value is null)
            return null;
        if (value.Value.ValueKind == JsonValueKind.String && value.Value.TryGetDateTimeOffset(out var when))
            return when;
        Problem($"{at}/{name}", "must be an ISO-8601 date-time with offset (2027-01-20T10:05:00+01:00)");
        return null;
    }

    public bool? Bool(JsonElement parent, string at, string name)
    {
        var value = Get(parent, name);
        if (value is null)
            return null;
        if (value.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.Value.GetBoolean();
        Problem($"{at}/{name}", "must be true or false");
        return null;
    }

    public Guid? Uuid(JsonElement parent, string at, string name, bool required = false)
    {
        var value = String(parent, at, name, required);
        if (value is null)
            return null;
        if (Guid.TryParseExact(value, "D", out var id))
            return id;
        Problem($"{at}/{name}", "is not a UUID (the hub's handover id)");
        return null;
    }

    public string? Term(JsonElement parent, string at, string name, Terms terms, bool required = false)
    {
        var value = String(parent, at, name, required);
        if (value is null)
            return null;
        var canonical = terms.ToCanonical(value);
        if (canonical is null)
            Problem($"{at}/{name}", $"is not one of {terms.Accepted}");
        return canonical;
    }
}
