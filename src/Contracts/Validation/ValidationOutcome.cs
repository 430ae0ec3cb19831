using System.Text.Json;
using IntegrationHub.Contracts.Json;

namespace IntegrationHub.Contracts.Validation;

/// <summary>A validated message: the typed document when valid, and the report either way.</summary>
public sealed record ValidationOutcome<T>(T? Document, ValidationReport Report) where T : class
{
    public bool IsValid => Report.IsValid && Document is not null;

    /// <summary>
    /// Reads the JSON (<see cref="JsonReadability"/>), runs the schema, the rules every string follows
    /// (<see cref="TextRules"/>) and then the domain checks; never throws on bad input: whatever a body
    /// holds, the answer is a report by path.
    /// </summary>
    internal static ValidationOutcome<T> Run(string json, NJsonSchema.JsonSchema schema, Action<JsonElement, ValidationReport> domainChecks)
    {
        var report = new ValidationReport();
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, JsonReadability.DocumentOptions);
        }
        catch (JsonException e)
        {
            report.Add("/", JsonReadability.NotJson(e).Reason);
            return new ValidationOutcome<T>(null, report);
        }
        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                report.Add("/", "must be a JSON object");
                return new ValidationOutcome<T>(null, report);
            }
            // Duplicate members and broken strings make every later reading ambiguous: stop at them.
            JsonReadability.Walk(parsed.RootElement, report);
            if (!report.IsValid)
                return new ValidationOutcome<T>(null, report);
            ContractSchemas.Check(schema, json, report);
            TextRules.Check(parsed.RootElement, report);
            domainChecks(parsed.RootElement, report);
            if (!report.IsValid)
                return new ValidationOutcome<T>(null, report);
            return new ValidationOutcome<T>(Typed(parsed.RootElement, report), report);
        }
    }

    /// <summary>The typed document; a value the schema let through but the type cannot hold is one more problem, by path.</summary>
    static T? Typed(JsonElement root, ValidationReport report)
    {
        try
        {
            return root.Deserialize<T>(HubJson.Options);
        }
        catch (JsonException e)
        {
            report.Add(JsonPointer.FromJsonPath(e.Path), "has a type or value this field cannot hold");
            return null;
        }
    }
}
