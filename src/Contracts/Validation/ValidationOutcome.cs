using System.Text.Json;
using IntegrationHub.Contracts.Json;

namespace IntegrationHub.Contracts.Validation;

/// <summary>A validated message: the typed document when valid, and the report either way.</summary>
public sealed record ValidationOutcome<T>(T? Document, ValidationReport Report) where T : class
{
    public bool IsValid => Report.IsValid && Document is not null;

    /// <summary>Parses the JSON, runs the schema and then the domain checks; never throws on bad input.</summary>
    internal static ValidationOutcome<T> Run(string json, NJsonSchema.JsonSchema schema, Action<JsonElement, ValidationReport> domainChecks)
    {
        var report = new ValidationReport();
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            report.Add("/", $"is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}");
            return new ValidationOutcome<T>(null, report);
        }
        using (parsed)
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                report.Add("/", "must be a JSON object");
                return new ValidationOutcome<T>(null, report);
            }
            ContractSchemas.Check(schema, json, report);
            domainChecks(parsed.RootElement, report);
            if (!report.IsValid)
                return new ValidationOutcome<T>(null, report);
            return new ValidationOutcome<T>(parsed.RootElement.Deserialize<T>(HubJson.Options), report);
        }
    }

    static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
